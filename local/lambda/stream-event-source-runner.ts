/**
 * What the stream event-source runners (Kinesis: local/clickstream/kinesis-event-source/, MSK:
 * local/kafka/msk-event-source-runner.ts) share: the clock and log they take, the counters they keep
 * and their lifecycle. Each adds its own source's settings and records.
 */

/** Options both runners take. */
export interface StreamEventSourceRunnerClock {
  /** Clock for record age. @default Date.now */
  readonly now?: () => number;
  /** Progress and fault lines. @default no logging */
  readonly log?: (line: string) => void;
}

/** Counters both runners keep. */
export interface StreamEventSourceRunnerCounts {
  readonly invocations: number;
  readonly failedInvocations: number;
  /** Records in batches (or batch prefixes) the handler completed. */
  readonly recordsCompleted: number;
  /** Records given up on (sent to the on-failure destination, or dropped without one). */
  readonly recordsDiscarded: number;
}
