/**
 * The flags of `npm start`, parsed and checked. Every mistake is a UsageError naming the flag, so
 * the command can print it with the usage and exit 2.
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DEFAULT_EMAIL_CONSUMER_MODE, EMAIL_CONSUMER_MODES, type EmailConsumerMode } from '../runtime/email-worker/email-worker-choices';
import { STAGE_PATTERN, STAGE_RULE } from '../runtime/shared/stage-name';
import { UsageError } from '../runtime/shared/errors';
import { parseFlags } from '../runtime/shared/parse-flags';

/** Where the traffic goes. */
const START_TARGETS = ['embedded', 'localstack', 'aws'] as const;

/** What `npm start` runs, from its flags. */
export interface StartOptions {
  /** Where the traffic goes. @default 'embedded' */
  readonly target: (typeof START_TARGETS)[number];
  /** Stage of the deployed stacks (localstack/aws only). @default undefined (unstaged stack names) */
  readonly stage: string | undefined;
  /** Print the ComparisonResult as JSON only (progress goes to stderr). @default false */
  readonly json: boolean;
  /** Also write the ComparisonResult as JSON to this file (npm prints its banner on stdout). @default undefined (no file) */
  readonly jsonFile: string | undefined;
  /** Email consumer runtime. @default 'fargate' (the stack's default) */
  readonly consumers: EmailConsumerMode;
  /** Email jobs, malformed and failing ones included. @default 1000 */
  readonly jobs: number;
  /** Most competing email workers; the run starts with 1 and adds more under backlog. @default 3 */
  readonly workers: number;
  /** Clickstream events. @default 2000 */
  readonly events: number;
  /** Clickstream users (partition keys). @default 100 */
  readonly users: number;
  /** Partitions of the Kafka `clickstream` topic (embedded target), replacing the template's. @default undefined - what the Kafka stack declares */
  readonly partitions: number | undefined;
  /** Kafka analytics member processes; one is SIGKILLed mid-run (embedded target). @default 4 - one beyond the partitions, idle until the kill */
  readonly members: number;
  /**
   * Also run SQS standard vs FIFO vs SNS→SQS fan-out and print their table (embedded target only).
   * Behind a flag: it synthesizes two more templates, which takes a minute or more on a busy machine.
   * @default false
   */
  readonly variants: boolean;
  /** Serve a live page of the run on 127.0.0.1 and keep it up until Ctrl-C (local/web/). @default false */
  readonly web: boolean;
}

export const START_USAGE = `usage: npm start -- [--json] [--json-file PATH] [--target embedded|localstack|aws] [--stage NAME]
                    [--jobs N] [--workers N] [--events N] [--users N] [--partitions N] [--members N]
                    [--consumers fargate|lambda] [--variants] [--web]
  --json       print the comparison as JSON only (progress goes to stderr);
               with npm, use \`npm -s start -- --json\` so npm's banner stays off stdout
  --json-file  also write the comparison as JSON to PATH (any target)
  --target     where to send the traffic                            (default embedded)
  --stage      stage prefix of the deployed stacks (localstack, aws) (default none)
  --jobs       email jobs, 5% malformed and 2% failing, 10-5000     (default 1000)
  --workers    most competing email workers, 1-8 (starts with 1)    (default 3)
  --events     clickstream events, 100-20000                        (default 2000)
  --users      clickstream users (partition keys), 2-10000          (default 100)
  --partitions Kafka clickstream topic partitions, 1-12   (default: the stack's)
  --members    Kafka analytics members, one SIGKILLed mid-run, 2-8  (default 4)
  --consumers  email consumer runtime                               (default fargate)
  --variants   also compare SQS standard, SQS FIFO and SNS→SQS fan-out (embedded; adds a minute or more)
  --web        show the run live on a page at http://127.0.0.1:PORT/; it stays up until Ctrl-C`;

/** A whole-number flag within [min, max] (also used by `npm run dev`). */
export function integerFlag(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number, got "${raw}"`, `--${name}`);
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${value}`, `--${name}`);
  return value;
}

/** Like integerFlag, but undefined when the flag is absent. */
function optionalIntegerFlag(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  return raw === undefined ? undefined : integerFlag(name, raw, min, min, max);
}

function choiceFlag<T extends string>(name: string, raw: string | undefined, choices: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  const match = choices.find((choice) => choice === raw);
  if (match === undefined) throw new UsageError(`--${name} must be one of ${choices.join('|')}, got "${raw}"`, `--${name}`);
  return match;
}

function stageFlag(raw: string | undefined, target: StartOptions['target']): string | undefined {
  if (raw === undefined) return undefined;
  if (target === 'embedded') throw new UsageError('--stage names deployed stacks: use it with --target localstack or --target aws', '--stage');
  if (!STAGE_PATTERN.test(raw)) throw new UsageError(`--stage must be ${STAGE_RULE}, got "${raw}"`, '--stage');
  return raw;
}

/** A file path whose folder exists, so a long run does not end on an unwritable path. */
function jsonFileFlag(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim() === '') throw new UsageError('--json-file needs a file path, got an empty one', '--json-file');
  const folder = dirname(resolve(raw));
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    // Missing: reported below with the path.
  }
  if (!isFolder) throw new UsageError(`--json-file: folder ${folder} does not exist`, '--json-file');
  return raw;
}

function variantsFlag(variants: boolean, target: StartOptions['target']): boolean {
  if (variants && target !== 'embedded') throw new UsageError('--variants runs on the embedded emulators: leave out --target', '--variants');
  return variants;
}

/** A flag that sizes the local Kafka run: the deployed targets have no Kafka column yet, so it would do nothing there. */
function embeddedOnly(name: string, raw: string | undefined, target: StartOptions['target']): string | undefined {
  if (raw !== undefined && target !== 'embedded') throw new UsageError(`--${name} sizes the local Kafka run: leave out --target`, `--${name}`);
  return raw;
}

/** The flags of `npm start`, as parseArgs takes them. */
const START_FLAGS = {
  json: { type: 'boolean' },
  'json-file': { type: 'string' },
  target: { type: 'string' },
  stage: { type: 'string' },
  consumers: { type: 'string' },
  jobs: { type: 'string' },
  workers: { type: 'string' },
  events: { type: 'string' },
  users: { type: 'string' },
  partitions: { type: 'string' },
  members: { type: 'string' },
  variants: { type: 'boolean' },
  web: { type: 'boolean' },
} as const;

/**
 * `npm start --jobs 100` without `--`: npm reads `--jobs` as its own setting and hands the script
 * only `100` (npm_config_jobs=true); `npm start --jobs=100` hands it nothing (npm_config_jobs=100),
 * so the run would silently use the default. Under `npm start`, a known flag in the environment as
 * `npm_config_<flag>` is such a flag, and the error says how to pass it.
 * @returns the UsageError to throw, or undefined when npm took none of them
 */
export function npmTookFlagsError(argv: readonly string[], env: NodeJS.ProcessEnv, flags: Readonly<Record<string, { readonly type: string }>> = START_FLAGS): UsageError | undefined {
  if (env['npm_lifecycle_event'] !== 'start') return undefined;
  const taken = Object.keys(flags).filter((flag) => env[`npm_config_${flag.replaceAll('-', '_')}`] !== undefined);
  if (taken.length === 0) return undefined;
  const npmValue = (flag: string): string | undefined => env[`npm_config_${flag.replaceAll('-', '_')}`];
  // `--jobs 100` leaves npm_config_jobs=true and the stray word 100. With one such flag the stray is
  // its value; with several, the environment does not say which value followed which flag.
  const strays = argv.filter((argument) => !argument.startsWith('-'));
  const valueless = taken.filter((flag) => flags[flag]?.type !== 'boolean' && npmValue(flag) === 'true');
  const words = taken.map((flag) => {
    if (flags[flag]?.type === 'boolean') return `--${flag}`;
    const value = npmValue(flag);
    if (value !== 'true') return `--${flag} ${value ?? 'VALUE'}`;
    return valueless.length === 1 && strays.length === 1 ? `--${flag} ${strays[0] ?? 'VALUE'}` : `--${flag} VALUE`;
  });
  const names = taken.map((flag) => `--${flag}`).join(' ');
  return new UsageError(`npm took ${names} (npm reads the flags before \`--\` as its own): use npm start -- ${words.join(' ')}`, `--${taken[0] ?? ''}`);
}

/** Parses `npm start` flags; throws UsageError naming the flag on any mistake (and when npm took one). @param env @default process.env */
export function parseStartOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): StartOptions {
  const npmTook = npmTookFlagsError(argv, env);
  if (npmTook !== undefined) throw npmTook;
  const values: Record<string, string | boolean | undefined> = parseFlags(argv, START_FLAGS);
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const target = choiceFlag('target', text('target'), START_TARGETS, 'embedded');
  return {
    target,
    stage: stageFlag(text('stage'), target),
    json: values['json'] === true,
    jsonFile: jsonFileFlag(text('json-file')),
    consumers: choiceFlag('consumers', text('consumers'), EMAIL_CONSUMER_MODES, DEFAULT_EMAIL_CONSUMER_MODE),
    // Bounds keep a local run within the emulators' speed and this machine's memory.
    jobs: integerFlag('jobs', text('jobs'), 1000, 10, 5000),
    workers: integerFlag('workers', text('workers'), 3, 1, 8),
    events: integerFlag('events', text('events'), 2000, 100, 20000),
    // At least 2 users: one of them is the hot key, the others share the rest.
    users: integerFlag('users', text('users'), 100, 2, 10000),
    // 12 partitions and 8 member processes are what 2 cores carry beside the other patterns.
    partitions: optionalIntegerFlag('partitions', embeddedOnly('partitions', text('partitions'), target), 1, 12),
    // At least 2: one member is SIGKILLed, and a survivor must take over its partitions.
    members: integerFlag('members', embeddedOnly('members', text('members'), target), 4, 2, 8),
    variants: variantsFlag(values['variants'] === true, target),
    web: values['web'] === true,
  };
}
