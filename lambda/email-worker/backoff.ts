/** Backoff arithmetic shared by the consumers (retry delays) and the producer (resend delays). */

/**
 * Longest retry delay: 15 minutes. A mail provider outage longer than that is an incident (the
 * DLQ alarm fires after maxReceiveCount receives), not something to wait out silently. SQS itself
 * accepts visibility timeouts up to 12 hours.
 */
export const MAX_RETRY_DELAY_SECONDS = 15 * 60;

/**
 * Delay before a transiently failed message is received again:
 * `baseDelaySeconds × 2^(receiveCount − 1)`, capped at {@link MAX_RETRY_DELAY_SECONDS}. Set with
 * ChangeMessageVisibility, so it is independent of the queue's own visibility timeout.
 */
export function retryDelaySeconds(options: { readonly receiveCount: number; readonly baseDelaySeconds: number }): number {
  const exponent = Math.max(0, options.receiveCount - 1);
  return Math.min(MAX_RETRY_DELAY_SECONDS, options.baseDelaySeconds * 2 ** exponent);
}

/**
 * "Full jitter" backoff (AWS Architecture Blog, "Exponential Backoff And Jitter"): a random delay
 * between 0 and `min(capMs, baseMs × 2^attempt)`, so many clients do not retry in lockstep.
 */
export function jitteredBackoffMs(
  attempt: number,
  options: { readonly baseMs: number; readonly capMs: number },
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
