/** A monotonic timer (performance.now, immune to wall-clock changes) for benchmarks. */
export interface Stopwatch {
  /** Milliseconds since the stopwatch started. */
  elapsedMs(): number;
}

/** Starts a stopwatch now. */
export function startStopwatch(): Stopwatch {
  const startedAt = performance.now();
  return { elapsedMs: () => performance.now() - startedAt };
}

/** Items per second for `count` items done in `elapsedMs`. */
export function perSecond(count: number, elapsedMs: number): number {
  return elapsedMs <= 0 ? Number.NaN : (count * 1000) / elapsedMs;
}
