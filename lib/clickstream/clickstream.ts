/**
 * Clickstream: the event-stream pattern as one construct. One Kinesis stream (partition key
 * `userId`) read independently by three consumers (a session processor, a Firehose archive and an
 * enhanced fan-out dashboard), with a CloudWatch dashboard and alarms. Works with no props at all;
 * ClickstreamStack wraps it for the app in bin/. Nothing inside has a hard-coded physical name.
 */
import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SQS_LIMITS } from '../../runtime/shared/aws-limits';
import { AlarmTopic } from '../common/alarm-topic';
import { EncryptedQueue } from '../common/encrypted-queue';
import { ClickstreamArchive } from './clickstream-archive';
import { ClickstreamDashboardConsumer } from './clickstream-dashboard-consumer';
import { ClickstreamMetrics } from './clickstream-metrics';
import { ClickstreamMonitoring } from './clickstream-monitoring';
import { ClickstreamProcessor } from './clickstream-processor';
import { ClickstreamStream } from './clickstream-stream';
import type { ClickstreamProps } from './clickstream-props';
import { validateClickstreamProps } from './clickstream-validation';

export type { ClickstreamProps } from './clickstream-props';

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
    this.processorFailureQueue = new EncryptedQueue(this, 'ProcessorFailures', { retentionPeriod: Duration.seconds(SQS_LIMITS.maxRetentionSeconds) });
    this.dashboardFailureQueue = new EncryptedQueue(this, 'DashboardFailures', { retentionPeriod: Duration.seconds(SQS_LIMITS.maxRetentionSeconds) });

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
