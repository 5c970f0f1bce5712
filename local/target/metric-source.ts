/**
 * Where a target reads the handlers' EMF metrics: their local log lines (embedded) or CloudWatch
 * (deployed). Kept apart from run-target.ts so each pattern's target can name it without a circle.
 */
/** One metric the handlers emit as EMF, summed from `since` on. */
export interface MetricQuery {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** Earliest datapoint to count (the run's start). */
  readonly since: Date;
  /** CloudWatch files a datapoint under its timestamp: how far past now to look. @default 60000 */
  readonly lookAheadMs?: number;
}

/** Where a target reads the handlers' EMF metrics. */
export interface MetricSource {
  /**
   * The metric's sum once it reaches `atLeast` or `deadlineMs` passes; null when the target has no
   * datapoint (never a guessed 0).
   */
  sum(query: MetricQuery, atLeast: number, deadlineMs: number): Promise<number | null>;
  /** Why a null sum is null on this target, for the notes. */
  readonly unavailableReason: string;
}
