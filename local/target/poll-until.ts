/**
 * Bounded waiting for eventually consistent outcomes (a Lambda consumer catching up, a DLQ
 * filling): poll until a condition holds or a deadline passes, and return the last observation
 * either way, so the caller reports what it saw instead of hanging.
 */
import { setTimeout as delay } from 'node:timers/promises';

/** How to poll. */
export interface PollOptions {
  /** Give up after this long, in ms (a ceiling, not a measurement). */
  readonly deadlineMs: number;
  /** Pause between observations, in ms. @default 2000 */
  readonly intervalMs?: number;
  /** @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default Date.now */
  readonly now?: () => number;
}

/** The last observation, and whether it satisfied the condition before the deadline. */
export interface PollResult<T> {
  readonly value: T;
  readonly satisfied: boolean;
}

/** Two seconds: remote calls cost money and rate limit; consumers take seconds to catch up anyway. */
const DEFAULT_INTERVAL_MS = 2_000;

/** Observes with `observe` until `done(value)` or the deadline; always observes at least once. */
export async function pollUntil<T>(observe: () => Promise<T>, done: (value: T) => boolean, options: PollOptions): Promise<PollResult<T>> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? delay;
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const deadline = now() + options.deadlineMs;
  for (;;) {
    const value = await observe();
    if (done(value)) return { value, satisfied: true };
    if (now() + intervalMs > deadline) return { value, satisfied: false };
    await sleep(intervalMs);
  }
}
