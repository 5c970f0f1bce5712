/** The flags of the Kafka produce command (cli.ts), parsed and checked; every mistake is a UsageError naming the flag. */
import { UsageError } from '../../shared/errors';
import { parseFlags } from '../../shared/parse-flags';
import { InvalidBootstrapServersError, parseBootstrapServers } from '../bootstrap-servers';

export const KAFKA_PRODUCE_USAGE = `usage: npm run produce:kafka -- --bootstrap-servers HOST:PORT[,HOST:PORT] --topic NAME [--events N] [--users U] [--seed S]
  --bootstrap-servers  the broker (npm run dev prints it)
  --topic              the clickstream topic (npm run dev prints it)
  --events             clickstream events, 1-1000000      (default 100)
  --users              users (partition keys), 1-100000   (default 10)
  --seed               generator seed, for a repeatable run (default: the time)`;

/** What to produce. */
export interface KafkaProduceArgs {
  readonly bootstrapServers: readonly string[];
  readonly topic: string;
  readonly events: number;
  readonly users: number;
  readonly seed: number;
  readonly help: boolean;
}

function whole(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max}, got "${raw}"`, `--${name}`);
  return value;
}

function bootstrapServersFlag(raw: string): string[] {
  try {
    return parseBootstrapServers(raw);
  } catch (error) {
    if (!(error instanceof InvalidBootstrapServersError)) throw error;
    throw new UsageError(`--bootstrap-servers ${error.message}`, '--bootstrap-servers');
  }
}

/** Parses the flags. @throws UsageError */
export function parseKafkaProduceArgs(argv: readonly string[], now = Date.now()): KafkaProduceArgs {
  const values = parseFlags(argv, {
    'bootstrap-servers': { type: 'string' },
    topic: { type: 'string' },
    events: { type: 'string' },
    users: { type: 'string' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const help = values.help ?? false;
  const servers = values['bootstrap-servers'];
  const topic = values.topic;
  if (!help && (servers === undefined || topic === undefined || topic === '')) {
    throw new UsageError('--bootstrap-servers and --topic are required', servers === undefined ? '--bootstrap-servers' : '--topic');
  }
  return {
    bootstrapServers: servers === undefined ? [] : bootstrapServersFlag(servers),
    topic: topic ?? '',
    events: whole('events', values.events, 100, 1_000_000),
    users: whole('users', values.users, 10, 100_000),
    seed: whole('seed', values.seed, now % 1_000_000 || 1, Number.MAX_SAFE_INTEGER),
    help,
  };
}
