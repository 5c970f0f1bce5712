/** What the user tells the advisor about their traffic: the input of every model in advisor/. */

/** Ordering the consumers need: none, per key (user, account…), or one global order. */
export type Ordering = 'none' | 'per-key' | 'strict';
export const ORDERINGS: readonly Ordering[] = ['none', 'per-key', 'strict'];

/** `task`: each unit of work is done once, by whichever worker is free. `event`: every consumer reads every record. */
export type WorkKind = 'task' | 'event';
export const WORK_KINDS: readonly WorkKind[] = ['task', 'event'];

/**
 * How the Kinesis producer packs user records into Kinesis records (KPL aggregation), named and
 * spelled as the clickstream producer's `--aggregate` flag:
 * - `auto`: a key's backlog (two or more records waiting) travels as one aggregate, a lone record plain;
 * - `on`: every record travels as an aggregate, even of one user record;
 * - `off`: one user record per Kinesis record.
 */
export type Aggregation = 'auto' | 'on' | 'off';
export const AGGREGATIONS: readonly Aggregation[] = ['auto', 'on', 'off'];

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
  /** KPL aggregation by the Kinesis producer (the producer's default is `auto`). */
  readonly aggregation: Aggregation;
  /**
   * User records of one partition key waiting together when the Kinesis producer sends: a key's
   * records handed over in one call, or those arriving while its previous record is in flight
   * (about the key's rate x one PutRecords round trip). An aggregate carries that many, within
   * 1 MiB; 1 means no key has a backlog, so `auto` sends every record plain.
   */
  readonly keyBacklog: number;
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
