/**
 * Clickstream: the event-stream pattern as one construct. One Kinesis stream (partition key
 * `userId`) read independently by three consumers (a session processor, a Firehose archive and an
 * enhanced fan-out dashboard), with a CloudWatch dashboard and alarms. Works with no props at all;
 * ClickstreamStack wraps it for the app in bin/. Nothing inside has a hard-coded physical name.
 */
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AlarmTopic } from '../common/alarm-topic';
import { EncryptedQueue } from '../common/encrypted-queue';
import { ClickstreamArchive } from './clickstream-archive';
import { ClickstreamDashboardConsumer } from './clickstream-dashboard-consumer';
import { ClickstreamMetrics } from './clickstream-metrics';
import { ClickstreamMonitoring } from './clickstream-monitoring';
import { ClickstreamProcessor } from './clickstream-processor';
import type { ClickstreamSessionTableProps } from './clickstream-session-table';
import { ClickstreamStream } from './clickstream-stream';
import { validateClickstreamProps } from './clickstream-validation';

/** Props of {@link Clickstream}. Every prop is optional. */
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

/** The whole clickstream pattern. */
export class Clickstream extends Construct {
  /** The stream (created or existing). */
  public readonly stream: ClickstreamStream;
  /** Consumer 1: the session processor (Lambda) and its session table. */
  public readonly processor: ClickstreamProcessor;
  /** Consumer 2: the Firehose archive and its bucket. */
  public readonly archive: ClickstreamArchive;
  /** Consumer 3: the enhanced fan-out dashboard (Lambda). */
  public readonly dashboardConsumer: ClickstreamDashboardConsumer;
  /** Where the processor's failed batches are recorded. */
  public readonly processorFailureQueue: EncryptedQueue;
  /** Where the dashboard's failed batches are recorded. */
  public readonly dashboardFailureQueue: EncryptedQueue;
  /** Where alarms go. */
  public readonly alarmTopic: AlarmTopic;
  /** Alarms and dashboard. */
  public readonly monitoring: ClickstreamMonitoring;

  constructor(scope: Construct, id: string, props: ClickstreamProps = {}) {
    super(scope, id);
    validateClickstreamProps(this, props);

    this.stream = new ClickstreamStream(this, 'Stream', {
      existingStream: props.existingStream,
      shardCount: props.shardCount,
      retentionPeriod: props.retentionPeriod,
    });
    const stream = this.stream.stream;

    // On-failure queues receive only batch metadata (shard, sequence range); keep it as long as SQS
    // allows (14 days) so whoever investigates has time, even if the records themselves expire sooner.
    this.processorFailureQueue = new EncryptedQueue(this, 'ProcessorFailures', { retentionPeriod: Duration.days(14) });
    this.dashboardFailureQueue = new EncryptedQueue(this, 'DashboardFailures', { retentionPeriod: Duration.days(14) });

    this.processor = new ClickstreamProcessor(this, 'Processor', {
      stream,
      onFailureQueue: this.processorFailureQueue.queue,
      batchSize: props.processorBatchSize,
      retryAttempts: props.processorRetryAttempts,
      maxRecordAge: props.processorMaxRecordAge,
      parallelizationFactor: props.parallelizationFactor,
      sessionTimeout: props.sessionTimeout,
      existingSessionTable: props.existingSessionTable,
      sessionTableProps: props.sessionTableProps,
    });

    this.archive = new ClickstreamArchive(this, 'Archive', {
      stream,
      existingBucket: props.existingArchiveBucket,
      glacierTransitionDays: props.glacierTransitionDays,
    });

    this.dashboardConsumer = new ClickstreamDashboardConsumer(this, 'DashboardConsumer', {
      stream,
      onFailureQueue: this.dashboardFailureQueue.queue,
      topPagesCount: props.topPagesCount,
    });

    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic');
    this.monitoring = new ClickstreamMonitoring(this, 'Monitoring', {
      alarmTopic: this.alarmTopic,
      iteratorAgeThreshold: props.iteratorAgeAlarmThreshold,
      metrics: new ClickstreamMetrics({
        stream,
        streamConsumer: this.dashboardConsumer.streamConsumer,
        processorFunction: this.processor.function,
        dashboardFunction: this.dashboardConsumer.function,
        deliveryStream: this.archive.deliveryStream,
        processorFailureQueue: this.processorFailureQueue.queue,
        dashboardFailureQueue: this.dashboardFailureQueue.queue,
      }),
    });
  }
}
