/**
 * AWS limits and project rules that bound Clickstream props, as documented in November 2026. One
 * place, so each validation cites the same source in its error message. Each entry is an
 * IntegerRule (lib/common/prop-problems.ts).
 *
 * Not here, because aws-cdk-lib checks them itself: the event source's ParallelizationFactor
 * (1–10), MaximumRetryAttempts' upper end (10,000) and MaximumRecordAgeInSeconds (60 s to 7 days).
 */
interface IntegerLimit {
  readonly min: number;
  readonly max?: number;
  readonly reason: string;
}

export const KINESIS_LIMITS = {
  /**
   * Kinesis Data Streams retention: 24 h to 8760 h (365 days). aws-cdk-lib's Stream enforces it;
   * kept here as data for the advisor.
   */
  retentionHours: { min: 24, max: 8760, reason: 'Kinesis Data Streams retention, in whole hours' },
  /** A provisioned stream needs at least one shard; the upper end is an account quota, not a hard limit. */
  shardCount: { min: 1, reason: 'shards of a provisioned Kinesis stream' },
} as const satisfies Record<string, IntegerLimit>;

export const KINESIS_EVENT_SOURCE_LIMITS = {
  /**
   * `BatchSize` for a Kinesis event source: 1 to 10,000. aws-cdk-lib checks it in
   * KinesisEventSource, not in the plain event source mapping the processor uses.
   */
  batchSize: { min: 1, max: 10_000, reason: 'Kinesis event source BatchSize' },
  /**
   * `MaximumRetryAttempts`: AWS accepts -1 (retry until the record expires). The project does not:
   * an unbounded retry stalls the shard behind one poison batch.
   */
  retryAttempts: { min: 0, reason: 'bounded: -1 (retry until the record expires) would stall the shard' },
} as const satisfies Record<string, IntegerLimit>;

/** The dashboard's own limit. */
export const DASHBOARD_LIMITS = {
  /** Each distinct page is its own CloudWatch custom metric, billed per metric-month. */
  topPagesCount: { min: 1, max: 100, reason: 'each page is a separate CloudWatch custom metric' },
} as const satisfies Record<string, IntegerLimit>;
