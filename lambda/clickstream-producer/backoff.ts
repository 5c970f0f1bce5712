/**
 * Exponential backoff with "full jitter" (AWS Architecture Blog, "Exponential Backoff and Jitter"):
 * a uniformly random delay between 0 and min(cap, base × 2^(attempt − 1)). The randomness spreads
 * retries of many throttled records so they do not hit the shard again in lock step.
 */
export interface BackoffSettings {
  /** Delay ceiling of the first retry, in milliseconds. */
  readonly baseDelayMs: number;
  /** Cap on any single delay, in milliseconds. */
  readonly maxDelayMs: number;
}

/**
 * @param failedAttempts attempts made so far (1 after the first failure).
 * @param random uniform in [0, 1); injectable so tests are deterministic.
 */
export function fullJitterDelayMs(failedAttempts: number, settings: BackoffSettings, random: () => number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (failedAttempts - 1));
  return Math.floor(random() * ceiling);
}
