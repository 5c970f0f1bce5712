/**
 * ClickstreamStack: the app's stack around one {@link Clickstream} construct, plus the stack outputs
 * the local and remote runs read. Name it with `stackName('Clickstream', stage)` from
 * lib/common/stack-name.ts.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Clickstream, type ClickstreamProps } from './clickstream';
import { CLICKSTREAM_OUTPUTS } from './output-names';

/** Props of {@link ClickstreamStack}: the construct's props (see ClickstreamProps for each default). */
export interface ClickstreamStackProps extends StackProps, ClickstreamProps {}

/** The clickstream pattern's stack. */
export class ClickstreamStack extends Stack {
  /** The pattern's construct. */
  public readonly clickstream: Clickstream;

  constructor(scope: Construct, id: string, props: ClickstreamStackProps = {}) {
    super(scope, id, props);
    // 'Default' is left out of logical ids and generated names, so the resources keep the ids they
    // had when the stack built them directly: an update never replaces a deployed stream or table.
    this.clickstream = new Clickstream(this, 'Default', props);
    this.addOutputs();
  }

  private addOutputs(): void {
    const { stream, dashboardConsumer, processor, archive, processorFailureQueue, dashboardFailureQueue, alarmTopic, monitoring } = this.clickstream;
    const outputs: Record<keyof typeof CLICKSTREAM_OUTPUTS, string> = {
      streamName: stream.stream.streamName,
      streamArn: stream.stream.streamArn,
      dashboardConsumerArn: dashboardConsumer.streamConsumer.streamConsumerArn,
      sessionTableName: processor.sessionTable.table.tableName,
      archiveBucketName: archive.bucket.bucketName,
      processorFailureQueueUrl: processorFailureQueue.queue.queueUrl,
      dashboardFailureQueueUrl: dashboardFailureQueue.queue.queueUrl,
      alarmTopicArn: alarmTopic.topic.topicArn,
      dashboardName: monitoring.dashboard.dashboardName,
    };
    for (const [key, value] of Object.entries(outputs) as [keyof typeof CLICKSTREAM_OUTPUTS, string][]) {
      new CfnOutput(this, CLICKSTREAM_OUTPUTS[key], { value });
    }
  }
}
