import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseProducerArgs } from '../../../runtime/clickstream/producer/cli-args';
import { UsageError } from '../../../runtime/shared/errors';

const ROOT = join(__dirname, '..', '..', '..');

describe('parseProducerArgs', () => {
  it('reads both flag forms and falls back to the stream name variable', () => {
    // Act
    const args = parseProducerArgs(['--events', '20', '--users=5', '--endpoint', 'http://127.0.0.1:4567', '--seed', '9'], {
      CLICKSTREAM_STREAM_NAME: 'from-env',
    });

    // Assert
    expect(args).toMatchObject({ events: 20, users: 5, streamName: 'from-env', endpoint: 'http://127.0.0.1:4567', seed: 9, concurrency: 4, aggregate: 'auto' });
  });

  it.each(['off', 'on', 'auto'] as const)('reads --aggregate %s', (mode) => {
    expect(parseProducerArgs(['--stream', 's', '--aggregate', mode], {}).aggregate).toBe(mode);
  });

  it.each([
    [['--evnts', '5', '--stream', 's'], 'Unknown flag --evnts: did you mean --events?'],
    [['--events', 'ten', '--stream', 's'], 'Flag --events must be an integer, got "ten"'],
    [['--events', '2.5', '--stream', 's'], 'Flag --events must be an integer, got "2.5"'],
    [['--users', '0', '--stream', 's'], 'Flag --users must be between 1 and 1,000,000, got 0'],
    [['--concurrency', '17', '--stream', 's'], 'Flag --concurrency must be between 1 and 16, got 17'],
    [['--events', '--stream', 's'], 'Flag --events needs a value (write --events=VALUE for a value that starts with a dash)'],
    [['--stream', 's', '--events'], 'Flag --events needs a value (write --events=VALUE for a value that starts with a dash)'],
    [['--stream', 's', '--users='], 'Flag --users needs a value'],
    [['--stream', 's', 'extra'], 'Unexpected argument "extra": every option is a --flag'],
    [['--stream', 's', '--events=-3'], 'Flag --events must be between 1 and 10,000,000, got -3'],
    [['--events', '5'], 'No stream: pass --stream NAME or set CLICKSTREAM_STREAM_NAME'],
    [['--stream', 's', '--endpoint', 'localhost:4567'], 'Flag --endpoint must be an http(s) URL, got "localhost:4567"'],
    [['--stream', 's', '--aggregate', 'yes'], 'Flag --aggregate must be one of off, on, auto, got "yes"'],
  ])('rejects %j with a specific message', (argv, message) => {
    expect(() => parseProducerArgs(argv, {})).toThrow(new UsageError(message));
    expect(() => parseProducerArgs(argv, {})).toThrow(UsageError);
  });

  it('names the flag at fault on the error', () => {
    expect(() => parseProducerArgs(['--stream', 's', '--concurrency', '0'], {})).toThrow(expect.objectContaining({ flag: '--concurrency' }));
  });

  it('reads -h and --help without a stream', () => {
    expect(parseProducerArgs(['-h'], {}).help).toBe(true);
    expect(parseProducerArgs(['--help'], {}).help).toBe(true);
  });
});

describe('producer CLI', () => {
  it.each([
    [['--events=-3', '--stream', 's'], /Flag --events must be between 1 and 10,000,000, got -3/],
    [['--events', '-3', '--stream', 's'], /Flag --events needs a value \(write --events=VALUE/],
    [['--bogus'], /Unknown flag --bogus/],
  ])('exits 2 with the reason and the usage for %j', (argv, message) => {
    // Act
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'runtime/clickstream/producer/cli.ts', ...argv], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CLICKSTREAM_STREAM_NAME: '' },
    });

    // Assert
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('Usage: npm run produce');
  });
});
