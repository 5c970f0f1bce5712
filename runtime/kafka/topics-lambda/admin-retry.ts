/**
 * Retries of the topics resource's Kafka admin calls. Brokers answer some requests with errors that
 * go away by themselves: NOT_CONTROLLER while the controller moves (an MSK failover or patching),
 * REQUEST_TIMED_OUT, THROTTLING_QUOTA_EXCEEDED, LEADER_NOT_AVAILABLE or UNKNOWN_TOPIC_OR_PARTITION
 * while a new topic's metadata reaches the broker that was asked. Kafka's protocol marks these
 * "retriable"; @platformatic/kafka copies the mark into `canRetry`, and only such errors are retried.
 * Retries are bounded twice: a number of attempts, and a deadline inside the Lambda's timeout so
 * the function still answers CloudFormation with the reason rather than timing out silently.
 */
import { fullJitterDelayMs, type BackoffSettings } from '../../shared/backoff';
import { isRetriableKafkaError, kafkaFailuresIn, type KafkaFailure } from './kafka-failures';
import { TopicAdminError } from './topic-admin-error';

/** How long and how often to retry. */
export interface AdminRetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** Full-jitter exponential backoff between attempts. */
  readonly backoff: BackoffSettings;
  /** Clock time (ms since the epoch) after which no retry starts. */
  readonly deadline: number;
}

/** Retry or not, and why not. */
export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: string };

/** One retry about to happen, for logging. */
export interface AdminRetryNotice {
  readonly step: string;
  readonly failedAttempts: number;
  readonly delayMs: number;
  readonly failures: readonly KafkaFailure[];
}

/** The policy and the clock it runs on (injectable, so tests neither wait nor depend on chance). */
export interface AdminRetry {
  readonly policy: AdminRetryPolicy;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default a setTimeout-based sleep */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** Called before each retry. @default nothing */
  readonly onRetry?: (notice: AdminRetryNotice) => void;
}

/** Attempts and backoff of the deployed function; the deadline comes from the invocation. */
export const ADMIN_RETRY_DEFAULTS = {
  maxAttempts: 8,
  // Ceilings 0.25, 0.5, 1, 2, 4, 5, 5 s: a controller election on MSK takes seconds.
  backoff: { baseDelayMs: 250, maxDelayMs: 5_000 },
} as const;

/**
 * Whether to retry after `failedAttempts` failures, the last being `error`: only retriable Kafka
 * errors, at most `maxAttempts` attempts, and never past the deadline.
 */
export function decideRetry(error: unknown, failedAttempts: number, policy: AdminRetryPolicy, now: number, random: () => number = Math.random): RetryDecision {
  if (!isRetriableKafkaError(error)) return { retry: false, reason: 'not retriable' };
  if (failedAttempts >= policy.maxAttempts) return { retry: false, reason: `retriable, but ${policy.maxAttempts} attempts is the limit` };
  const delayMs = fullJitterDelayMs(failedAttempts, policy.backoff, random);
  if (now + delayMs > policy.deadline) return { retry: false, reason: 'retriable, but no time is left before the function times out' };
  return { retry: true, delayMs };
}

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `operation` until it succeeds or {@link decideRetry} says stop; then throws a
 * {@link TopicAdminError} naming `step` (read again after each failure, so it names the call that
 * failed last) and the Kafka error codes.
 */
export async function withAdminRetry<T>(step: () => string, operation: () => Promise<T>, retry: AdminRetry): Promise<T> {
  const now = retry.now ?? Date.now;
  for (let failedAttempts = 0; ; ) {
    try {
      return await operation();
    } catch (error) {
      failedAttempts += 1;
      const decision = decideRetry(error, failedAttempts, retry.policy, now(), retry.random);
      if (!decision.retry) throw new TopicAdminError(step(), kafkaFailuresIn(error), failedAttempts, decision.reason, { cause: error });
      retry.onRetry?.({ step: step(), failedAttempts, delayMs: decision.delayMs, failures: kafkaFailuresIn(error) });
      await (retry.sleep ?? sleepFor)(decision.delayMs);
    }
  }
}
