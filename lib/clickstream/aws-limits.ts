/**
 * The ranges Clickstream props are validated against: AWS's limits (runtime/shared/aws-limits.ts, the
 * one place their numbers and sources live) with the reason each error message cites, and the
 * project's own stricter rules (no infinite retries). Each entry is an IntegerRule
 * (lib/common/prop-problems.ts).
 *
 * Not here, because aws-cdk-lib checks them itself: the stream's retention (24–8760 whole hours),
 * the event source's ParallelizationFactor (1–10), MaximumRetryAttempts' upper end (10,000) and
 * MaximumRecordAgeInSeconds (60 s to 7 days).
 */
import { KINESIS_EVENT_SOURCE_LIMITS as EVENT_SOURCE, KINESIS_LIMITS } from '../../runtime/shared/aws-limits';

interface IntegerLimit {
  readonly min: number;
  readonly max?: number;
  readonly reason: string;
}

export const KINESIS_STREAM_PROP_LIMITS = {
  /** A provisioned stream needs at least one shard; aws-cdk-lib does not check it. */
  shardCount: { min: KINESIS_LIMITS.minShardCount, reason: 'shards of a provisioned Kinesis stream' },
} as const satisfies Record<string, IntegerLimit>;

export const KINESIS_EVENT_SOURCE_PROP_LIMITS = {
  /** aws-cdk-lib checks BatchSize in KinesisEventSource, not in the plain mapping the processor uses. */
  batchSize: { min: EVENT_SOURCE.batchSize.min, max: EVENT_SOURCE.batchSize.max, reason: 'Kinesis event source BatchSize' },
  /** AWS accepts -1 (retry until the record expires); the project does not: it stalls the shard behind one poison batch. */
  retryAttempts: { min: 0, reason: 'bounded: -1 (retry until the record expires) would stall the shard' },
} as const satisfies Record<string, IntegerLimit>;

/** The dashboard's own limit. */
export const DASHBOARD_PROP_LIMITS = {
  /** Each distinct page is its own CloudWatch custom metric, billed per metric-month. */
  topPagesCount: { min: 1, max: 100, reason: 'each page is a separate CloudWatch custom metric' },
} as const satisfies Record<string, IntegerLimit>;
