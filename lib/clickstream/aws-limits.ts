/**
 * AWS limits that bound ClickstreamStack props, as documented in November 2026. One place, so each
 * validation cites the same source in its error message.
 * Each entry spreads into `requireInteger` (lib/common/require-integer.ts) with the owner and prop.
 */
interface IntegerLimit {
  readonly min: number;
  readonly max?: number;
  readonly reason: string;
}

export const KINESIS_LIMITS = {
  /** Kinesis Data Streams retention: 24 h to 8760 h (365 days). */
  retentionHours: { min: 24, max: 8760, reason: 'Kinesis Data Streams retention, in whole hours' },
  /** A provisioned stream needs at least one shard; the upper end is an account quota, not a hard limit. */
  shardCount: { min: 1, reason: 'shards of a provisioned Kinesis stream' },
} as const satisfies Record<string, IntegerLimit>;

export const KINESIS_EVENT_SOURCE_LIMITS = {
  /** `BatchSize` for a Kinesis event source: 1 to 10,000. */
  batchSize: { min: 1, max: 10_000, reason: 'Kinesis event source BatchSize' },
  /**
   * `MaximumRetryAttempts`: AWS accepts -1 (retry until the record expires) to 10,000. -1 is
   * excluded on purpose: an unbounded retry stalls the shard behind one poison batch.
   */
  retryAttempts: { min: 0, max: 10_000, reason: 'Kinesis event source MaximumRetryAttempts, bounded: -1 would stall the shard' },
  /**
   * `MaximumRecordAgeInSeconds`: AWS accepts -1 (infinite) or 60 to 604,800 (7 days). -1 is
   * excluded on purpose, for the same reason as unbounded retries.
   */
  maxRecordAgeSeconds: { min: 60, max: 604_800, reason: 'Kinesis event source MaximumRecordAgeInSeconds, in whole seconds' },
  /** `ParallelizationFactor`: 1 to 10 concurrent batches per shard. */
  parallelizationFactor: { min: 1, max: 10, reason: 'Kinesis event source ParallelizationFactor' },
} as const satisfies Record<string, IntegerLimit>;
