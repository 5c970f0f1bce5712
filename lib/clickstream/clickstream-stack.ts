/**
 * ClickstreamStack: the app's stack around one {@link Clickstream} construct, plus the stack outputs
 * the local and remote runs read. Name it with `stackName('Clickstream', stage)` from
 * lib/common/stack-name.ts.
 */
import { CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { AlarmTopic } from '../common/alarm-topic';
import type { EncryptedQueue } from '../common/encrypted-queue';
import { Clickstream, type ClickstreamProps } from './clickstream';
import type { ClickstreamArchive } from './clickstream-archive';
import type { ClickstreamDashboardConsumer } from './clickstream-dashboard-consumer';
import type { ClickstreamMonitoring } from './clickstream-monitoring';
import type { ClickstreamProcessor } from './clickstream-processor';
import type { ClickstreamStream } from './clickstream-stream';
import { CLICKSTREAM_OUTPUTS } from './output-names';

/** Props of {@link ClickstreamStack}: the construct's props (see ClickstreamProps for each default). */
export interface ClickstreamStackProps extends StackProps, ClickstreamProps {}

/** The clickstream pattern's stack. */
export class ClickstreamStack extends Stack {
  /** The pattern's construct. */
  public readonly clickstream: Clickstream;
  /** The stream. */
  public readonly stream: ClickstreamStream;
  /** The session processor. */
  public readonly processor: ClickstreamProcessor;
  /** The Firehose archive. */
  public readonly archive: ClickstreamArchive;
  /** The enhanced fan-out dashboard consumer. */
  public readonly dashboardConsumer: ClickstreamDashboardConsumer;
  /** The processor's on-failure queue. */
  public readonly processorFailureQueue: EncryptedQueue;
  /** The dashboard's on-failure queue. */
  public readonly dashboardFailureQueue: EncryptedQueue;
  /** Where alarms go. */
  public readonly alarmTopic: AlarmTopic;
  /** Alarms and dashboard. */
  public readonly monitoring: ClickstreamMonitoring;

  constructor(scope: Construct, id: string, props: ClickstreamStackProps = {}) {
    super(scope, id, props);
    // 'Default' is left out of logical ids and generated names, so the resources keep the ids they
    // had when the stack built them directly: an update never replaces a deployed stream or table.
    this.clickstream = new Clickstream(this, 'Default', props);
    ({
      stream: this.stream, processor: this.processor, archive: this.archive, dashboardConsumer: this.dashboardConsumer,
      processorFailureQueue: this.processorFailureQueue, dashboardFailureQueue: this.dashboardFailureQueue,
      alarmTopic: this.alarmTopic, monitoring: this.monitoring,
    } = this.clickstream);
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
