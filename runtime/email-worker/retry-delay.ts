/** The email worker's retry delays (the consumers' backoff before a failed job is received again). */

/**
 * Longest retry delay: 15 minutes. A mail provider outage longer than that is an incident (the
 * DLQ alarm fires after maxReceiveCount receives), not something to wait out silently. SQS itself
 * accepts visibility timeouts up to 12 hours.
 */
export const MAX_RETRY_DELAY_SECONDS = 15 * 60;

/**
 * Delay before a transiently failed message is received again:
 * `baseDelaySeconds × 2^(receiveCount − 1)`, capped at {@link MAX_RETRY_DELAY_SECONDS}. Set with
 * ChangeMessageVisibility, so it is independent of the queue's own visibility timeout. Not
 * jittered: the schedule must be predictable so the stack can check it against the idempotency lease.
 */
export function retryDelaySeconds(options: { readonly receiveCount: number; readonly baseDelaySeconds: number }): number {
  const exponent = Math.max(0, options.receiveCount - 1);
  return Math.min(MAX_RETRY_DELAY_SECONDS, options.baseDelaySeconds * 2 ** exponent);
}
