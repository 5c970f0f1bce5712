/** The flags of the Kafka produce command (cli.ts), parsed and checked; every mistake is a UsageError naming the flag. */
import { UsageError } from '../../shared/errors';
import { parseFlags } from '../../shared/parse-flags';
import { InvalidBootstrapServersError, parseBootstrapServers } from '../bootstrap-servers';
import { KAFKA_AUTH_MODES } from '../kafka-names';

export const KAFKA_PRODUCE_USAGE = `usage: npm run produce:kafka -- --bootstrap-servers HOST:PORT[,HOST:PORT] --topic NAME [--events N] [--users U] [--seed S] [--auth iam|none] [--region R]
  --bootstrap-servers  the brokers (npm run dev prints the local one; MSK's bootstrap brokers for IAM on port 9098)
  --topic              the clickstream topic (npm run dev prints it)
  --auth               iam: Amazon MSK IAM access control (TLS, SASL OAUTHBEARER signed with your AWS credentials);
                       none: plaintext, no authentication (the local broker)      (default none)
  --region             the cluster's region, for --auth iam          (default: AWS_REGION)
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
  readonly auth: (typeof KAFKA_AUTH_MODES)[number];
  /** The region IAM tokens are signed for; set whenever `auth` is `iam`. */
  readonly region?: string;
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

function authFlag(raw: string | undefined, region: string | undefined): Pick<KafkaProduceArgs, 'auth' | 'region'> {
  const auth = KAFKA_AUTH_MODES.find((mode) => mode === (raw ?? 'none'));
  if (auth === undefined) throw new UsageError(`--auth must be one of ${KAFKA_AUTH_MODES.join(', ')}, got "${raw ?? ''}"`, '--auth');
  if (auth === 'iam' && (region === undefined || region === '')) throw new UsageError('--auth iam needs --region (or AWS_REGION): IAM tokens are signed for a region', '--region');
  return auth === 'iam' ? { auth, region } : { auth };
}

/** Parses the flags; `env` supplies AWS_REGION when --region is absent. @throws UsageError */
export function parseKafkaProduceArgs(argv: readonly string[], now = Date.now(), env: NodeJS.ProcessEnv = process.env): KafkaProduceArgs {
  const values = parseFlags(argv, {
    'bootstrap-servers': { type: 'string' },
    topic: { type: 'string' },
    events: { type: 'string' },
    users: { type: 'string' },
    seed: { type: 'string' },
    auth: { type: 'string' },
    region: { type: 'string' },
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
    ...authFlag(values.auth, values.region ?? env.AWS_REGION),
    help,
  };
}
