/** Parses and validates the producer CLI's flags; every mistake becomes a UsageError (exit code 2). */
import type { ParseArgsOptionsConfig } from 'node:util';
import { UsageError } from '../../shared/errors';
import { parseFlags } from '../../shared/parse-flags';
import { AGGREGATION_MODES, type AggregationMode } from './kinesis-entry';

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
  /** KPL aggregation of a user's backlog (ClickstreamProducer's `aggregation`). */
  readonly aggregate: AggregationMode;
  readonly help: boolean;
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
  --aggregate MODE   KPL aggregation: auto packs a user's backlog into one Kinesis record, on
                     aggregates every record, off sends one event per record (default auto);
                     consumers must deaggregate (this project's do)
  --help             show this help

An error retrying cannot fix (no region or credentials, no such stream, access denied) stops the
run at once.

Exit codes: 0 all delivered, 1 some undeliverable or an error, 2 usage error.`;

interface IntegerFlag {
  readonly min: number;
  readonly max: number;
}

const INTEGER_FLAGS = {
  events: { min: 1, max: 10_000_000 },
  users: { min: 1, max: 1_000_000 },
  seed: { min: 0, max: 4_294_967_295 },
  // 16 calls of 500 records already exceed what 8 shards accept per second.
  concurrency: { min: 1, max: 16 },
  'max-attempts': { min: 1, max: 100 },
} as const satisfies Record<string, IntegerFlag>;
type IntegerFlagName = keyof typeof INTEGER_FLAGS;

/** Every flag takes a string (integers are checked below, with messages that name the flag), except --help. */
const OPTIONS = {
  stream: { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  events: { type: 'string' },
  users: { type: 'string' },
  seed: { type: 'string' },
  concurrency: { type: 'string' },
  'max-attempts': { type: 'string' },
  aggregate: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

/** Parses `--flag value` and `--flag=value` forms (node:util parseArgs, strict). */
export function parseProducerArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ProducerCliArgs {
  const values = parseFlags(argv, OPTIONS);
  const help = values.help === true;
  for (const [name, value] of Object.entries(values)) {
    if (value === '') throw new UsageError(`Flag --${name} needs a value`, `--${name}`);
  }
  const integer = (name: IntegerFlagName, fallback: number): number => {
    const value = values[name];
    return value === undefined ? fallback : parseIntegerFlag(`--${name}`, value, INTEGER_FLAGS[name]);
  };
  const streamName = values.stream ?? env[STREAM_NAME_ENV];
  if (!help && (streamName === undefined || streamName === '')) {
    throw new UsageError(`No stream: pass --stream NAME or set ${STREAM_NAME_ENV}`, '--stream');
  }
  const endpoint = values.endpoint;
  if (endpoint !== undefined && !isHttpUrl(endpoint)) {
    throw new UsageError(`Flag --endpoint must be an http(s) URL, got "${endpoint}"`, '--endpoint');
  }
  return {
    events: integer('events', 1000),
    users: integer('users', 100),
    streamName: streamName ?? '',
    endpoint,
    region: values.region,
    seed: integer('seed', Date.now() % 4_294_967_296),
    concurrency: integer('concurrency', 4),
    maxAttempts: integer('max-attempts', 10),
    aggregate: parseAggregationMode(values.aggregate),
    help,
  };
}

function parseAggregationMode(value: string | undefined): AggregationMode {
  if (value === undefined) return 'auto';
  const mode = AGGREGATION_MODES.find((candidate) => candidate === value);
  if (mode === undefined) throw new UsageError(`Flag --aggregate must be one of ${AGGREGATION_MODES.join(', ')}, got "${value}"`, '--aggregate');
  return mode;
}

function parseIntegerFlag(flag: string, value: string, { min, max }: IntegerFlag): number {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`Flag ${flag} must be an integer, got "${value}"`, flag);
  const parsed = Number(value);
  if (parsed < min || parsed > max) {
    throw new UsageError(`Flag ${flag} must be between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}, got ${value}`, flag);
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
