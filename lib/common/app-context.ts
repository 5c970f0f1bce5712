/**
 * The CDK app's context keys (`-c key=value` on the command line, or `new App({ context })` in tests
 * and in `local/`): parsed and validated here, in one place, with errors that name the key and what
 * it accepts. Range checks that are AWS limits live with the construct props they feed.
 */
import type { Node } from 'constructs';
import {
  DEFAULT_EMAIL_CONSUMER_MODE,
  DEFAULT_EMAIL_QUEUE_TYPE,
  EMAIL_CONSUMER_MODES,
  EMAIL_QUEUE_TYPES,
  type EmailConsumerMode,
  type EmailQueueType,
} from '../../runtime/email-worker/email-worker-choices';
import { STAGE_PATTERN, STAGE_RULE } from '../../runtime/shared/stage-name';
import { InvalidContextError } from './invalid-context-error';

export { EMAIL_CONSUMER_MODES, EMAIL_QUEUE_TYPES, type EmailConsumerMode, type EmailQueueType } from '../../runtime/email-worker/email-worker-choices';
/** A plain address: local part, `@`, a domain with a dot. SES verifies the identity itself. */
const EMAIL_ADDRESS_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The context keys this app reads. */
export const CONTEXT_KEYS = {
  /** Optional stage prefix: `QueueOrStream-<stage>-EmailWorker`. Letters, digits, hyphens. */
  stage: 'stage',
  /** Target account. @default CDK_DEFAULT_ACCOUNT, else environment-agnostic */
  account: 'account',
  /** Target region. @default CDK_DEFAULT_REGION, else environment-agnostic */
  region: 'region',
  /** `fargate` or `lambda`. @default fargate */
  emailConsumers: 'emailConsumers',
  /** `standard` or `fifo` (order per recipient or tenant, deduplication by jobId). @default standard */
  emailQueue: 'emailQueue',
  /** The verified SES identity the worker sends from. @default none: synth works, deploy is refused */
  emailFrom: 'emailFrom',
  /** Upper bound for one email job, in seconds. @default EmailWorkerStack's jobTimeout (30 s) */
  emailJobTimeoutSeconds: 'emailJobTimeoutSeconds',
  /** First retry delay after a transient failure, in seconds. @default EmailWorkerStack's (30 s) */
  emailRetryBaseDelaySeconds: 'emailRetryBaseDelaySeconds',
  /** Receives before a job goes to the DLQ. @default 5 */
  emailMaxReceiveCount: 'emailMaxReceiveCount',
  /** Fargate: fewest tasks (0 = scale to zero). @default 0 */
  emailMinTasks: 'emailMinTasks',
  /** Fargate: most tasks. @default 4 */
  emailMaxTasks: 'emailMaxTasks',
  /** Lambda: SQS event source MaximumConcurrency (2–1000). @default 5 */
  emailMaxConcurrency: 'emailMaxConcurrency',
  /**
   * The only IAM roles or users that may enqueue email jobs, as ARNs separated by commas (or a list
   * in `new App({ context })`): EmailWorker's `producers`. The signup fan-out's topic still delivers.
   * @default none: any principal of the account whose IAM policy allows sqs:SendMessage may enqueue
   */
  emailProducers: 'emailProducers',
} as const;

/**
 * An IAM role or user ARN, as `aws:PrincipalArn` names a caller (a role session by its role's ARN,
 * path included). Partitions: aws, aws-cn, aws-us-gov, ...
 */
const PRODUCER_ARN_PATTERN = /^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/;

/** The email worker's part of the context; undefined means "use the stack's default". */
export interface EmailWorkerContext {
  /** Consumer runtime. */
  readonly consumers: EmailConsumerMode;
  /** Queue type. */
  readonly queue: EmailQueueType;
  /** Sender identity. @default undefined: deploy is refused with a clear message */
  readonly emailFrom?: string;
  /** @default the stack's default */
  readonly jobTimeoutSeconds?: number;
  /** @default the stack's default */
  readonly retryBaseDelaySeconds?: number;
  /** @default the stack's default */
  readonly maxReceiveCount?: number;
  /** @default the stack's default */
  readonly minTasks?: number;
  /** @default the stack's default */
  readonly maxTasks?: number;
  /** @default the stack's default */
  readonly maxConcurrency?: number;
  /** IAM role or user ARNs of the only producers. @default none: the queue policy does not restrict senders */
  readonly producerArns?: readonly string[];
}

/** Everything the app reads from context and the process environment. */
export interface AppContext {
  /** Stage prefix for stack names. @default none */
  readonly stage?: string;
  /** Deployment account. @default environment-agnostic */
  readonly account?: string;
  /** Deployment region. @default environment-agnostic */
  readonly region?: string;
  /** The email worker's settings. */
  readonly email: EmailWorkerContext;
}

/** A context value as given, or undefined when absent or an empty string. */
export function readContextValue(node: Node, key: string): unknown {
  const value: unknown = node.tryGetContext(key);
  return value === '' || value === null ? undefined : value;
}

/** Parses a string context value, checking it against `pattern`. */
export function parseStringContext(key: string, value: unknown, pattern: RegExp, allowed: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !pattern.test(value)) throw new InvalidContextError(key, value, allowed);
  return value;
}

/** Parses one of `allowed`; undefined gives `defaultValue`. */
export function parseEnumContext<T extends string>(key: string, value: unknown, allowed: readonly T[], defaultValue: T): T {
  if (value === undefined) return defaultValue;
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) throw new InvalidContextError(key, value, allowed.join('|'));
  return match;
}

/**
 * Parses a non-negative integer given as a number (`new App({ context })`) or a string of digits
 * (`-c key=30`). Ranges that are AWS limits are checked by the construct the value feeds.
 */
export function parseIntegerContext(key: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const parsed = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof parsed !== 'number' || !Number.isSafeInteger(parsed) || parsed < 0) {
    throw new InvalidContextError(key, value, 'a non-negative integer');
  }
  return parsed;
}

/**
 * Parses a list of ARNs given as one comma-separated string (`-c key=arn1,arn2`) or as a list of
 * strings (`new App({ context })`), each checked against `pattern`. Blanks around commas are ignored.
 */
export function parseArnListContext(key: string, value: unknown, pattern: RegExp, allowed: string): string[] | undefined {
  if (value === undefined) return undefined;
  const items = typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value;
  if (!Array.isArray(items) || items.length === 0 || !items.every((item) => typeof item === 'string' && pattern.test(item))) {
    throw new InvalidContextError(key, value, allowed);
  }
  return items as string[];
}

/**
 * Reads and validates every context key of the app.
 * @param node the App's node (context set with `-c` or `new App({ context })`)
 * @param processEnv where CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION come from (tests pass `{}`)
 */
export function readAppContext(node: Node, processEnv: NodeJS.ProcessEnv = process.env): AppContext {
  const read = (key: string): unknown => readContextValue(node, key);
  const integer = (key: string): number | undefined => parseIntegerContext(key, read(key));
  const stage = parseStringContext(CONTEXT_KEYS.stage, read(CONTEXT_KEYS.stage), STAGE_PATTERN, STAGE_RULE);
  const account = parseStringContext(CONTEXT_KEYS.account, read(CONTEXT_KEYS.account), /^\d{12}$/, 'a 12-digit AWS account id');
  const region = parseStringContext(CONTEXT_KEYS.region, read(CONTEXT_KEYS.region), /^[a-z]{2}(-[a-z]+)+-\d$/,
    'an AWS region code such as eu-west-1');
  return {
    stage,
    account: account ?? nonEmpty(processEnv.CDK_DEFAULT_ACCOUNT),
    region: region ?? nonEmpty(processEnv.CDK_DEFAULT_REGION),
    email: {
      consumers: parseEnumContext(CONTEXT_KEYS.emailConsumers, read(CONTEXT_KEYS.emailConsumers), EMAIL_CONSUMER_MODES, DEFAULT_EMAIL_CONSUMER_MODE),
      queue: parseEnumContext(CONTEXT_KEYS.emailQueue, read(CONTEXT_KEYS.emailQueue), EMAIL_QUEUE_TYPES, DEFAULT_EMAIL_QUEUE_TYPE),
      emailFrom: parseStringContext(CONTEXT_KEYS.emailFrom, read(CONTEXT_KEYS.emailFrom), EMAIL_ADDRESS_PATTERN,
        'an email address whose address or domain is a verified SES identity, e.g. you@your-verified-domain'),
      jobTimeoutSeconds: integer(CONTEXT_KEYS.emailJobTimeoutSeconds),
      retryBaseDelaySeconds: integer(CONTEXT_KEYS.emailRetryBaseDelaySeconds),
      maxReceiveCount: integer(CONTEXT_KEYS.emailMaxReceiveCount),
      minTasks: integer(CONTEXT_KEYS.emailMinTasks),
      maxTasks: integer(CONTEXT_KEYS.emailMaxTasks),
      maxConcurrency: integer(CONTEXT_KEYS.emailMaxConcurrency),
      producerArns: parseArnListContext(CONTEXT_KEYS.emailProducers, read(CONTEXT_KEYS.emailProducers), PRODUCER_ARN_PATTERN,
        'IAM role or user ARNs separated by commas, e.g. arn:aws:iam::123456789012:role/web-app'),
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}
