/**
 * Exponential backoff with "full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter",
 * 2015): a uniformly random delay between 0 and `min(maxDelayMs, baseDelayMs × 2^(failedAttempts − 1))`.
 * The randomness keeps many clients (pollers, producers) from retrying in lock step.
 *
 * One convention for the whole project: `failedAttempts` counts the failures so far (1 after the
 * first), so `baseDelayMs` is the ceiling of the first retry's delay.
 */
export interface BackoffSettings {
  /** Delay ceiling of the first retry, in milliseconds. */
  readonly baseDelayMs: number;
  /** Cap on any single delay, in milliseconds. */
  readonly maxDelayMs: number;
}

/**
 * @param failedAttempts failures so far (1 after the first failure; lower values count as 1).
 * @param random uniform in [0, 1); injectable so tests are deterministic.
 */
export function fullJitterDelayMs(failedAttempts: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.floor(random() * ceiling);
}
