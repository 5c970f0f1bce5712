/** What the user tells the advisor about their traffic: the input of every model in advisor/. */

/** Ordering the consumers need: none, per key (user, account…), or one global order. */
export type Ordering = 'none' | 'per-key' | 'strict';
export const ORDERINGS: readonly Ordering[] = ['none', 'per-key', 'strict'];

/** `task`: each unit of work is done once, by whichever worker is free. `event`: every consumer reads every record. */
export type WorkKind = 'task' | 'event';
export const WORK_KINDS: readonly WorkKind[] = ['task', 'event'];

export interface Workload {
  /** Average records per second over the month: what the bill is computed from. */
  readonly ratePerSecond: number;
  /** Peak / average: capacity (shards, partitions, brokers, FIFO limits) is sized for the peak. */
  readonly peakFactor: number;
  /** Bytes per record (payload; keys and attributes included if the user counts them). */
  readonly recordBytes: number;
  /** Independent consumers: systems that each need every record (event) or the one fleet of workers (task: 1). */
  readonly consumers: number;
  readonly ordering: Ordering;
  readonly work: WorkKind;
  /** How far back a consumer must be able to re-read, in seconds (0: no replay). */
  readonly replaySeconds: number;
  /** How long unconsumed records must be kept, in seconds. */
  readonly retentionSeconds: number;
  /**
   * Seconds one consumer spends on one record (its work, not the broker's). 0 means not stated:
   * the concurrency the consumers need is then not checked.
   */
  readonly workSeconds: number;
  /** Messages the producer puts in one send call to SQS or SNS: 1 (one per call) to 10 (full batches). */
  readonly sendBatch: number;
}

/** Peak records per second. */
export function peakRate(workload: Workload): number {
  return workload.ratePerSecond * workload.peakFactor;
}

/** Peak bytes per second written. */
export function peakBytesPerSecond(workload: Workload): number {
  return peakRate(workload) * workload.recordBytes;
}

/** How long records must be kept: the longer of retention and the replay window. */
export function keepSeconds(workload: Workload): number {
  return Math.max(workload.retentionSeconds, workload.replaySeconds);
}

/**
 * Records each consumer must have in progress at once to keep up at the peak (Little's law:
 * arrival rate x time in service). 0 when the work time is not stated.
 */
export function peakConcurrency(workload: Workload): number {
  return peakRate(workload) * workload.workSeconds;
}
