import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AlarmTopic } from '../common/alarm-topic';
import { EncryptedQueue } from '../common/encrypted-queue';
import { ClickstreamArchive } from './clickstream-archive';
import { ClickstreamDashboardConsumer } from './clickstream-dashboard-consumer';
import { ClickstreamMetrics } from './clickstream-metrics';
import { ClickstreamMonitoring } from './clickstream-monitoring';
import { ClickstreamProcessor } from './clickstream-processor';
import { ClickstreamStream } from './clickstream-stream';
import { CLICKSTREAM_OUTPUTS } from './output-names';
import { SQS_LIMITS } from '../../lambda/shared/aws-limits';

/** Props of {@link ClickstreamStack}. */
export interface ClickstreamStackProps extends StackProps {
  /**
   * Provisioned shard count (`-c clickstreamShards=N`). Absent means an on-demand stream.
   * @default - on-demand capacity
   */
  readonly shardCount?: number;

  /**
   * Stream retention, 24 h to 8760 h: how far back any consumer can replay.
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
   * Processor: retries of a failing batch before it goes to the on-failure queue, 0 to 10,000.
   * @default 3
   */
  readonly processorRetryAttempts?: number;

  /**
   * Processor: records older than this go to the on-failure queue unprocessed (60 s to 7 days,
   * below the retention).
   * @default Duration.hours(1)
   */
  readonly processorMaxRecordAge?: Duration;

  /**
   * Inactivity that ends a user's session.
   * @default Duration.minutes(30)
   */
  readonly sessionTimeout?: Duration;

  /**
   * Age in days at which archived objects move to Glacier.
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

/**
 * The clickstream pattern: one Kinesis stream (partition key `userId`) read independently by three
 * consumers (a session processor, a Firehose archive and an enhanced fan-out dashboard), with a
 * CloudWatch dashboard and alarms. Name it with `stackName('Clickstream', stage)` from
 * lib/common/stack-name.ts; nothing inside has a hard-coded physical name.
 */
export class ClickstreamStack extends Stack {
  public readonly stream: ClickstreamStream;
  public readonly processor: ClickstreamProcessor;
  public readonly archive: ClickstreamArchive;
  public readonly dashboardConsumer: ClickstreamDashboardConsumer;
  public readonly processorFailureQueue: EncryptedQueue;
  public readonly dashboardFailureQueue: EncryptedQueue;
  public readonly alarmTopic: AlarmTopic;
  public readonly monitoring: ClickstreamMonitoring;

  constructor(scope: Construct, id: string, props: ClickstreamStackProps = {}) {
    super(scope, id, props);

    this.stream = new ClickstreamStream(this, 'Stream', {
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
      streamRetentionHours: this.stream.retentionHours,
      onFailureQueue: this.processorFailureQueue.queue,
      batchSize: props.processorBatchSize,
      retryAttempts: props.processorRetryAttempts,
      maxRecordAge: props.processorMaxRecordAge,
      parallelizationFactor: props.parallelizationFactor,
      sessionTimeout: props.sessionTimeout,
    });

    this.archive = new ClickstreamArchive(this, 'Archive', {
      stream,
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

    this.addOutputs();
    Validations.of(this).acknowledge({
      id: 'CloudFormation-Validate::W7001',
      reason:
        "Firehose's DeliveryStream always registers a regional CIDR mapping for VPC destinations; this " +
        'stack delivers to S3, so the mapping is unused.',
    });
  }

  private addOutputs(): void {
    const outputs: Record<keyof typeof CLICKSTREAM_OUTPUTS, string> = {
      streamName: this.stream.stream.streamName,
      streamArn: this.stream.stream.streamArn,
      dashboardConsumerArn: this.dashboardConsumer.streamConsumer.streamConsumerArn,
      sessionTableName: this.processor.sessionTable.table.tableName,
      archiveBucketName: this.archive.bucket.bucketName,
      processorFailureQueueUrl: this.processorFailureQueue.queue.queueUrl,
      dashboardFailureQueueUrl: this.dashboardFailureQueue.queue.queueUrl,
      alarmTopicArn: this.alarmTopic.topic.topicArn,
      dashboardName: this.monitoring.dashboard.dashboardName,
    };
    for (const [key, value] of Object.entries(outputs) as [keyof typeof CLICKSTREAM_OUTPUTS, string][]) {
      new CfnOutput(this, CLICKSTREAM_OUTPUTS[key], { value });
    }
  }
}
