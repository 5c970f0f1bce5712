/**
 * Does the retry schedule outlast the idempotency lease? A worker killed mid-job leaves its job's
 * in-progress record until the lease expires; every redelivery before then fails as "in progress"
 * (transient) and uses up a receive. If the last receive SQS allows (maxReceiveCount) comes before
 * the lease expires, a job that may already have been delivered is dead-lettered without a reason.
 * Plain arithmetic: the stack (lib/email-worker/consumer-timing.ts) and the runtime settings
 * (load-settings.ts) both refuse such a combination with this one check.
 */
import { SQS_LIMITS } from '../shared/aws-limits';
import { retryDelaySeconds } from './retry-delay';

/** Margin between the lease's expiry and the last receive: clocks and the time a receive takes. */
export const LEASE_EXPIRY_MARGIN_SECONDS = 1;

/**
 * Receives kept aside for a kill that catches a message before its job starts: a worker killed
 * while the message waits in its prefetch buffer (or in a receive just returned) spends a receive
 * and no lease. One such kill, then one mid-job, is the case the schedule must survive; with
 * SIGKILLs every 1–3 s and no reserve, 0.3% of valid jobs were dead-lettered at the smallest count
 * the lease check alone allowed, and none with one more receive.
 */
export const RECEIVES_RESERVED_FOR_KILLS = 1;

/** The timings the check needs, all in seconds from the start of the killed job's lease. */
export interface RetryScheduleTimings {
  /** How long the killed job's in-progress record blocks a retry. */
  readonly leaseSeconds: number;
  /** Soonest the message can be received again after the kill. */
  readonly earliestRedeliverySeconds: number;
  /** First retry delay; doubles per receive (retry-delay.ts). */
  readonly retryBaseDelaySeconds: number;
  /** Receives SQS allows before it moves the message to the DLQ. */
  readonly maxReceiveCount: number;
}

/**
 * When the last allowed receive happens, at the soonest: the first redelivery, then the backoff
 * after each failed receive (receive n waits `base × 2^(n−1)`), up to receive `maxReceiveCount`.
 * With one receive there is no redelivery at all: 0.
 */
export function lastReceiveSeconds(timings: RetryScheduleTimings): number {
  if (timings.maxReceiveCount < 2) return 0;
  let at = timings.earliestRedeliverySeconds;
  for (let receive = 2; receive < timings.maxReceiveCount; receive++) {
    at += retryDelaySeconds({ receiveCount: receive, baseDelaySeconds: timings.retryBaseDelaySeconds });
  }
  return at;
}

/**
 * True when the last receive comes after the lease has expired (with {@link LEASE_EXPIRY_MARGIN_SECONDS}),
 * even after {@link RECEIVES_RESERVED_FOR_KILLS} receives were spent by kills before the job started.
 */
export function retryScheduleOutlastsLease(timings: RetryScheduleTimings): boolean {
  const afterKills = { ...timings, maxReceiveCount: timings.maxReceiveCount - RECEIVES_RESERVED_FOR_KILLS };
  return lastReceiveSeconds(afterKills) >= timings.leaseSeconds + LEASE_EXPIRY_MARGIN_SECONDS;
}

/** Largest values tried when looking for a fix: what SQS allows. */
const MAX_RECEIVE_COUNT = SQS_LIMITS.maxReceiveCount;
const MAX_BASE_DELAY_SECONDS = SQS_LIMITS.maxVisibilityTimeoutSeconds;

/** The smallest maxReceiveCount, and (when a backoff is ever waited) the smallest whole-second base delay, that would pass. */
export function retryScheduleFixes(timings: RetryScheduleTimings): { maxReceiveCount?: number; retryBaseDelaySeconds?: number } {
  const fixes: { maxReceiveCount?: number; retryBaseDelaySeconds?: number } = {};
  for (let count = timings.maxReceiveCount + 1; count <= MAX_RECEIVE_COUNT; count++) {
    if (retryScheduleOutlastsLease({ ...timings, maxReceiveCount: count })) {
      fixes.maxReceiveCount = count;
      break;
    }
  }
  // With fewer than 3 receives left after the kills' reserve no backoff is ever waited, so the base delay cannot help.
  const waitsABackoff = timings.maxReceiveCount - RECEIVES_RESERVED_FOR_KILLS >= 3;
  for (let base = Math.floor(timings.retryBaseDelaySeconds) + 1; waitsABackoff && base <= MAX_BASE_DELAY_SECONDS; base++) {
    if (retryScheduleOutlastsLease({ ...timings, retryBaseDelaySeconds: base })) {
      fixes.retryBaseDelaySeconds = base;
      break;
    }
  }
  return fixes;
}

/**
 * Explains why `timings` are refused, naming the values (under the caller's names) and the fix, or
 * returns undefined when the schedule outlasts the lease.
 */
export function describeRetryScheduleProblem(
  timings: RetryScheduleTimings,
  names: { readonly maxReceiveCount: string; readonly retryBaseDelay: string },
): string | undefined {
  if (retryScheduleOutlastsLease(timings)) return undefined;
  const fixes = retryScheduleFixes(timings);
  const options = [
    fixes.maxReceiveCount === undefined ? undefined : `raise ${names.maxReceiveCount} to ${fixes.maxReceiveCount}`,
    fixes.retryBaseDelaySeconds === undefined ? undefined : `raise ${names.retryBaseDelay} to ${fixes.retryBaseDelaySeconds} s`,
  ].filter((option) => option !== undefined);
  const afterKills = { ...timings, maxReceiveCount: timings.maxReceiveCount - RECEIVES_RESERVED_FOR_KILLS };
  return (
    `the retry schedule ends before the idempotency lease expires: with ${names.maxReceiveCount} ${timings.maxReceiveCount} ` +
    `(${RECEIVES_RESERVED_FOR_KILLS} kept for a worker killed before the job starts, which spends a receive) ` +
    `and ${names.retryBaseDelay} ${timings.retryBaseDelaySeconds} s, a job whose worker is killed is received for the last time ` +
    `${lastReceiveSeconds(afterKills)} s after its lease started (first redelivery after ${timings.earliestRedeliverySeconds} s), ` +
    `but the lease lasts ${timings.leaseSeconds} s (+${LEASE_EXPIRY_MARGIN_SECONDS} s margin), so a job already sent could be ` +
    `dead-lettered; ${options.length > 0 ? options.join(', or ') : 'shorten the job timeout'}`
  );
}
