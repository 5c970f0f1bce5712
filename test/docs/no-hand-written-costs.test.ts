/**
 * One source for every cost figure: a dollar amount may appear only in advisor/ (the model and its
 * dated price list), in the advisor's own tests (which check it against AWS's worked examples),
 * and in blocks the advisor generated (checked by generated-docs.test.ts). Anywhere else it would
 * be a hand-written figure that drifts from the model, so this test fails on it. Text that needs a
 * figure names the `npm run advise` command that prints it instead, and those commands are run
 * here against the current CLI.
 */
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { SERVERLESS_COST_WARNING } from '../../lib/kafka/kafka-msk-cluster';
import { findDollarAmounts, lineOf } from './dollar-amounts';
import { withoutGeneratedBlocks } from './markdown-blocks';
import { commandFor, parseNpmScriptCall, REPO_ROOT } from './npm-script-command';
import { shellWords } from './shell-words';

/** Where figures may be written: each entry with the reason. */
const ALLOWED: readonly { readonly prefix: string; readonly why: string }[] = [
  { prefix: 'advisor/', why: 'the cost model and its dated price list' },
  { prefix: 'test/unit/advisor/', why: "the advisor's tests: its figures against AWS's worked examples" },
  { prefix: 'test/integ/advise-cli.test.ts', why: "the advisor CLI's test: the arithmetic it prints" },
  { prefix: 'test/docs/no-hand-written-costs.test.ts', why: "this file: the detector's examples" },
];

/** Files that can hold text: everything git tracks or would track, minus binaries. */
function repositoryTextFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return listed.split('\0').filter((file) => file !== '' && fs.existsSync(path.join(REPO_ROOT, file)) && fs.statSync(path.join(REPO_ROOT, file)).isFile());
}

function handWrittenAmounts(file: string): string[] {
  const raw = fs.readFileSync(path.join(REPO_ROOT, file));
  if (raw.includes(0)) return [];
  const text = file.endsWith('.md') ? withoutGeneratedBlocks(raw.toString('utf8')) : raw.toString('utf8');
  return findDollarAmounts(text).map((amount) => `${file}:${lineOf(text, amount.index)}: ${amount.text}`);
}

/** Every `npm run advise -- …` command quoted inline (between backticks) in `text`. */
function adviseCommandsIn(text: string): string[] {
  return [...text.matchAll(/`(npm run advise -- [^`]+)`/g)].map((match) => match[1]);
}

const runAdvise = async (command: string): Promise<string> => {
  const call = parseNpmScriptCall(shellWords(command));
  if (call === undefined) throw new Error(`not an npm script call: ${command}`);
  const { file, args } = commandFor(call);
  const { stdout } = await promisify(execFile)(file, args, { cwd: REPO_ROOT, encoding: 'utf8' });
  return stdout;
};

describe('the dollar-amount detector', () => {
  it.each(['USD 70/month', '≈ USD 0.75 per cluster-hour', '12.50 USD', '$1/month', '$1,332', '$0.185 per hour', 'USD 1,460.64', '$25 a month', 'USD      630.72'])(
    'finds %s', (text) => {
      expect(findDollarAmounts(`costs ${text} here`)).toHaveLength(1);
    });

  it.each(['fail "$1 needs a value"', "s.replace(/(a)(b)/, '$2$1')", 'echo $HOME', 'prices in USD', '${1}', 'arguments: $1 $2'])(
    'ignores %s', (text) => {
      expect(findDollarAmounts(text)).toEqual([]);
    });
});

describe('cost figures come from the advisor', () => {
  it('has no dollar amount written by hand outside advisor/ and generated blocks', () => {
    const files = repositoryTextFiles().filter((file) => !ALLOWED.some((allowed) => file.startsWith(allowed.prefix)));
    expect(files).toContain('README.md');

    expect(files.flatMap(handWrittenAmounts)).toEqual([]);
  });

  /** What a quoted advise command prints first: its usage, a listing, or the costs of a workload. */
  function expectedOutputStart(command: string): RegExp {
    if (command.includes('--help')) return /^Usage: npm run advise/;
    if (command.includes('--prices')) return /^Prices, us-east-1/;
    if (command.includes('--reference-costs')) return /^Reference monthly costs/;
    return /^Monthly cost of every option/m;
  }

  it('runs every `npm run advise` command the README, docs, Kafka constructs and scripts quote instead of a figure', async () => {
    const sources = ['README.md', 'scripts/test-aws.sh', ...['docs', 'lib/kafka'].flatMap((dir) =>
      fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.join(dir, entry.name)))];
    const commands = [...new Set(sources.flatMap((file) => adviseCommandsIn(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'))))];
    expect(commands.length).toBeGreaterThan(0);

    const outputs = await Promise.all(commands.map(runAdvise));

    for (const [index, output] of outputs.entries()) {
      expect(output).toMatch(expectedOutputStart(commands[index]));
    }
  });

  it("names, in the MSK Serverless synth warning, a command whose output prices msk-serverless", async () => {
    const [command] = adviseCommandsIn(SERVERLESS_COST_WARNING);

    expect(await runAdvise(command)).toMatch(/^\s+msk-serverless\s+USD\s+[\d.]+/m);
  });
});
