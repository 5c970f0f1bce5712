/**
 * The ranges ClickstreamStack props are validated against: AWS's limits (lambda/shared/aws-limits.ts,
 * the one place their numbers and sources live) with the reason each error message cites, and the
 * project's own stricter rules (no infinite retries or record age).
 * Each entry spreads into `requireInteger` (lib/common/require-integer.ts) with the owner and prop.
 */
import { KINESIS_EVENT_SOURCE_LIMITS as EVENT_SOURCE, KINESIS_LIMITS } from '../../lambda/shared/aws-limits';

interface IntegerLimit {
  readonly min: number;
  readonly max?: number;
  readonly reason: string;
}

export const KINESIS_STREAM_PROP_LIMITS = {
  retentionHours: { ...KINESIS_LIMITS.retentionHours, reason: 'Kinesis Data Streams retention, in whole hours' },
  shardCount: { min: KINESIS_LIMITS.minShardCount, reason: 'shards of a provisioned Kinesis stream' },
} as const satisfies Record<string, IntegerLimit>;

export const KINESIS_EVENT_SOURCE_PROP_LIMITS = {
  batchSize: { min: EVENT_SOURCE.batchSize.min, max: EVENT_SOURCE.batchSize.max, reason: 'Kinesis event source BatchSize' },
  /** AWS accepts -1 (retry until the record expires); excluded on purpose: an unbounded retry stalls the shard behind one poison batch. */
  retryAttempts: { min: 0, max: EVENT_SOURCE.retryAttempts.max, reason: 'Kinesis event source MaximumRetryAttempts, bounded: -1 would stall the shard' },
  /** AWS accepts -1 (infinite); excluded on purpose, for the same reason as unbounded retries. */
  maxRecordAgeSeconds: {
    min: EVENT_SOURCE.maxRecordAgeSeconds.min,
    max: EVENT_SOURCE.maxRecordAgeSeconds.max,
    reason: 'Kinesis event source MaximumRecordAgeInSeconds, in whole seconds',
  },
  parallelizationFactor: {
    min: EVENT_SOURCE.parallelizationFactor.min,
    max: EVENT_SOURCE.parallelizationFactor.max,
    reason: 'Kinesis event source ParallelizationFactor',
  },
} as const satisfies Record<string, IntegerLimit>;
