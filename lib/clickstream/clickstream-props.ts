/**
 * The props of the Clickstream construct (clickstream.ts), on their own so that the props check
 * (clickstream-validation.ts) and the construct can both read them without importing each other.
 */
import type { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { ClickstreamSessionTableProps } from './clickstream-session-table';

/** Props of Clickstream. Every prop is optional. */
export interface ClickstreamProps {
  /**
   * Use your own stream instead of creating one. Its retention bounds `processorMaxRecordAge` when
   * it is a `Stream` of this app; an imported stream's retention cannot be read, so that check is
   * skipped (keep processorMaxRecordAge below it yourself). Excludes `shardCount` and `retentionPeriod`.
   * @default a new KMS-encrypted stream (on-demand unless shardCount is given)
   */
  readonly existingStream?: kinesis.IStream;

  /**
   * Provisioned shard count (`-c clickstreamShards=N`). Absent means an on-demand stream.
   * Excludes `existingStream`.
   * @default - on-demand capacity
   */
  readonly shardCount?: number;

  /**
   * Stream retention, 24 h to 8760 h in whole hours: how far back any consumer can replay.
   * Excludes `existingStream`.
   * @default Duration.hours(24)
   */
  readonly retentionPeriod?: Duration;

  /**
   * Processor: concurrent batches per shard, 1 to 10 (per-user order is kept).
   * @default 1
   */
  readonly parallelizationFactor?: number;

  /**
   * Processor: records per invocation, 1 to 10,000.
   * @default 100
   */
  readonly processorBatchSize?: number;

  /**
   * Processor: retries of a failing batch before it goes to the on-failure queue, 0 to 10,000
   * (never -1: an unbounded retry stalls the shard).
   * @default 3
   */
  readonly processorRetryAttempts?: number;

  /**
   * Processor: records older than this go to the on-failure queue unprocessed (whole seconds, 60 s
   * to 7 days, below the stream's retention).
   * @default Duration.hours(1)
   */
  readonly processorMaxRecordAge?: Duration;

  /**
   * Inactivity that ends a user's session (whole seconds).
   * @default Duration.minutes(30)
   */
  readonly sessionTimeout?: Duration;

  /**
   * Use your own session table: partition key `userId` (string), TTL attribute `expiresAt` (not
   * checkable at synth). Excludes `sessionTableProps`.
   * @default a new on-demand table with TTL and point-in-time recovery
   */
  readonly existingSessionTable?: dynamodb.ITable;

  /**
   * Settings of the session table created for you. Excludes `existingSessionTable`.
   * @default ClickstreamSessionTable's defaults (removalPolicy DESTROY)
   */
  readonly sessionTableProps?: Omit<ClickstreamSessionTableProps, 'existingTable'>;

  /**
   * Use your own archive bucket (Firehose gets put/get/abort rights on it). Excludes
   * `glacierTransitionDays`.
   * @default a new HardenedBucket (retained when the stack is deleted)
   */
  readonly existingArchiveBucket?: s3.IBucket;

  /**
   * Age in whole days at which archived objects move to Glacier. Excludes `existingArchiveBucket`.
   * @default 90
   */
  readonly glacierTransitionDays?: number;

  /**
   * Dashboard: pages per minute published as `TopPageViews` (1 to 100).
   * @default 5
   */
  readonly topPagesCount?: number;

  /**
   * Consumer lag that raises the iterator-age alarms.
   * @default Duration.minutes(5)
   */
  readonly iteratorAgeAlarmThreshold?: Duration;
}
