/** Parses and validates the producer CLI's flags; every mistake becomes a UsageError (exit code 2). */

/** The CLI's validated settings. */
export interface ProducerCliArgs {
  readonly events: number;
  readonly users: number;
  readonly streamName: string;
  /** Kinesis endpoint override (e.g. an emulator), else the SDK's AWS_ENDPOINT_URL(_KINESIS). */
  readonly endpoint?: string;
  readonly region?: string;
  readonly seed: number;
  readonly concurrency: number;
  readonly maxAttempts: number;
  readonly help: boolean;
}

/** A flag is unknown, missing its value, malformed or out of range. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Environment variable that supplies the stream name when --stream is not given. */
export const STREAM_NAME_ENV = 'CLICKSTREAM_STREAM_NAME';

export const USAGE = `Usage: npm run produce -- --stream NAME [options]

Puts generated clickstream events on a Kinesis stream (PutRecords, partition key = userId),
generating and sending them as a stream (memory stays flat whatever --events is).

Required:
  --stream NAME      stream name (or set $${STREAM_NAME_ENV})

Options:
  --events N         events to send, 1 to 10,000,000 (default 1000)
  --users U          distinct users, 1 to 1,000,000 (default 100)
  --endpoint URL     Kinesis endpoint, e.g. an emulator (default: the SDK's AWS_ENDPOINT_URL_KINESIS / AWS_ENDPOINT_URL)
  --region REGION    AWS region (default: the SDK's AWS_REGION / profile)
  --seed N           seed of the generated traffic, 0 to 4,294,967,295 (default: the current time)
  --concurrency N    PutRecords calls in flight, 1 to 16 (default 4)
  --max-attempts N   attempts per record before it is reported undeliverable, 1 to 100 (default 10)
  --help             show this help

An error retrying cannot fix (no region or credentials, no such stream, access denied) stops the
run at once.

Exit codes: 0 all delivered, 1 some undeliverable or an error, 2 usage error.`;

interface IntegerFlag {
  readonly min: number;
  readonly max: number;
}

const INTEGER_FLAGS: Readonly<Record<string, IntegerFlag>> = {
  '--events': { min: 1, max: 10_000_000 },
  '--users': { min: 1, max: 1_000_000 },
  '--seed': { min: 0, max: 4_294_967_295 },
  // 16 calls of 500 records already exceed what 8 shards accept per second.
  '--concurrency': { min: 1, max: 16 },
  '--max-attempts': { min: 1, max: 100 },
};
const STRING_FLAGS = new Set(['--stream', '--endpoint', '--region']);

/** Parses `--flag value` and `--flag=value` forms. */
export function parseProducerArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ProducerCliArgs {
  const integers = new Map<string, number>();
  const strings = new Map<string, string>();
  let help = false;
  for (let position = 0; position < argv.length; position += 1) {
    const argument = argv[position] as string;
    if (argument === '--help' || argument === '-h') {
      help = true;
      continue;
    }
    const [flag, inlineValue] = splitFlag(argument);
    const integerFlag = INTEGER_FLAGS[flag];
    if (integerFlag === undefined && !STRING_FLAGS.has(flag)) throw new UsageError(`Unknown flag ${argument}`);
    let value = inlineValue;
    if (value === undefined) {
      value = argv[position + 1];
      position += 1;
    }
    if (value === undefined || value === '' || (inlineValue === undefined && value.startsWith('--'))) {
      throw new UsageError(`Flag ${flag} needs a value`);
    }
    if (integerFlag === undefined) strings.set(flag, value);
    else integers.set(flag, parseIntegerFlag(flag, value, integerFlag));
  }
  const streamName = strings.get('--stream') ?? env[STREAM_NAME_ENV];
  if (!help && (streamName === undefined || streamName === '')) {
    throw new UsageError(`No stream: pass --stream NAME or set ${STREAM_NAME_ENV}`);
  }
  const endpoint = strings.get('--endpoint');
  if (endpoint !== undefined && !isHttpUrl(endpoint)) {
    throw new UsageError(`Flag --endpoint must be an http(s) URL, got "${endpoint}"`);
  }
  return {
    events: integers.get('--events') ?? 1000,
    users: integers.get('--users') ?? 100,
    streamName: streamName ?? '',
    endpoint,
    region: strings.get('--region'),
    seed: integers.get('--seed') ?? Date.now() % 4_294_967_296,
    concurrency: integers.get('--concurrency') ?? 4,
    maxAttempts: integers.get('--max-attempts') ?? 10,
    help,
  };
}

function splitFlag(argument: string): [string, string | undefined] {
  const equals = argument.indexOf('=');
  return equals === -1 ? [argument, undefined] : [argument.slice(0, equals), argument.slice(equals + 1)];
}

function parseIntegerFlag(flag: string, value: string, { min, max }: IntegerFlag): number {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`Flag ${flag} must be an integer, got "${value}"`);
  const parsed = Number(value);
  if (parsed < min || parsed > max) {
    throw new UsageError(`Flag ${flag} must be between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}, got ${value}`);
  }
  return parsed;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
