/** `npm run advise` as a user runs it: a child process, its exit code, its stdout and its chart file. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

function advise(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(TSX, [join(ROOT, 'advisor', 'cli.ts'), ...args], { encoding: 'utf8', cwd: ROOT });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run advise (child process)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'advise-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the issue example as JSON with the recommendation, every option and the price date, and writes the chart', () => {
    const chart = join(dir, 'cost.svg');
    const { status, stdout, stderr } = advise(['--rate', '2000/s', '--size', '3KB', '--consumers', '3', '--order', 'per-key', '--replay', '24h', '--retention', '7d', '--json', '--chart', chart]);
    expect(stderr).toContain(`chart written to ${chart}`);
    expect(status).toBe(0);
    const json = JSON.parse(stdout) as {
      recommendation: { option: string; reasons: { rule: string; message: string }[] };
      options: { option: string; monthlyUsd: number; feasible: boolean; why: string[] }[];
      prices: { checkedOn: string; evidence: unknown };
    };
    expect(json.options.map((option) => option.option)).toEqual([
      'sqs-standard', 'sqs-fifo', 'sns-sqs-fanout', 'sns-sqs-fifo-fanout',
      'kinesis-on-demand', 'kinesis-on-demand-advantage', 'kinesis-provisioned', 'msk-serverless', 'msk-provisioned',
    ]);
    const chosen = json.options.find((option) => option.option === json.recommendation.option);
    expect(chosen?.feasible).toBe(true);
    expect(json.options.find((option) => option.option === 'sqs-standard')?.feasible).toBe(false);
    expect(json.recommendation.reasons.map((reason) => reason.message)).toContain('3 independent consumers: SQS needs SNS fan-out to 3 queues; a stream or a Kafka topic lets each consumer read every record at its own position');
    expect(json.prices.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(readFileSync(chart, 'utf8')).toMatch(/^<svg /);
  });

  it('shows the arithmetic with --explain and says in one line how the prices were checked', () => {
    const { status, stdout } = advise(['--rate', '50/s', '--size', '2KB', '--explain']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/= shard-hours: 730 x USD 0\.015 = USD 10\.95/);
    expect(stdout).toMatch(/^Prices checked \d{4}-\d{2}-\d{2}, \d+ prices: .*\(npm run advise -- --prices lists each with its source\)\.$/m);
    expect(stdout).not.toContain('UNCONFIRMED');
  });

  it.each([
    [['--rate=-5/s', '--size', '1KB'], /--rate: "-5\/s" is negative/],
    [['--rate', '-5/s', '--size', '1KB'], /Flag --rate needs a value \(write --rate=VALUE for a value that starts with a dash\)/],
    [['--rate', '5/s', '--size', '1QB'], /unknown unit "QB"/],
    [['--rate', '5/s', '--size', '1KB', '--work', 'task', '--consumers', '2'], /contradicts itself/],
    [['--rate', '5/s', '--size', '1KB', '--aggregate', 'yes'], /--aggregate: "yes" is not one of auto \| on \| off/],
  ])('exits 2 with a clear message on bad input %j', (args, message) => {
    const { status, stderr, stdout } = advise(args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage: npm run advise');
    expect(stdout).toBe('');
  });
});
