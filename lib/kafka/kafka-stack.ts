import { CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { KAFKA_TOPICS } from '../../runtime/kafka/kafka-names';
import type { Construct } from 'constructs';
import { KafkaClickstream, type KafkaClickstreamProps } from './kafka-clickstream';
import { KAFKA_OUTPUTS } from './output-names';

/** Props of {@link KafkaStack}: the construct's props (see KafkaClickstreamProps for each default). */
export interface KafkaStackProps extends StackProps, KafkaClickstreamProps {}

/**
 * The Kafka pattern's stack: one {@link KafkaClickstream} and the outputs the remote runs read.
 * Name it with `stackName(KAFKA_PATTERN, stage)`; nothing inside has a hard-coded physical name
 * except the MSK cluster's (required by MSK), which is derived from the construct path.
 */
export class KafkaStack extends Stack {
  /** The pattern's construct. */
  public readonly clickstream: KafkaClickstream;

  constructor(scope: Construct, id: string, props: KafkaStackProps = {}) {
    super(scope, id, props);
    this.clickstream = new KafkaClickstream(this, 'Clickstream', props);
    this.addOutputs();
  }

  private addOutputs(): void {
    const kafka = this.clickstream;
    const outputs: Record<keyof typeof KAFKA_OUTPUTS, string> = {
      clusterArn: kafka.cluster.clusterArn,
      clusterMode: kafka.cluster.mode,
      bootstrapBrokersSaslIam: kafka.bootstrapBrokers.saslIam,
      sessionTableName: kafka.sessionizer.sessionTable.tableName,
      sessionizerFunctionName: kafka.sessionizer.function.functionName,
      analyticsClusterName: kafka.analytics.ecsCluster.clusterName,
      analyticsServiceName: kafka.analytics.service.serviceName,
      alarmTopicArn: kafka.alarmTopic.topic.topicArn,
      dashboardName: kafka.monitoring.dashboard.dashboardName,
      clickstreamTopic: KAFKA_TOPICS.clickstream,
      sessionsTopic: KAFKA_TOPICS.sessions,
      deadLetterTopic: KAFKA_TOPICS.deadLetter,
      vpcId: kafka.network.vpc.vpcId,
      clientSubnetIds: Fn.join(',', kafka.network.subnets.map((subnet) => subnet.subnetId)),
      clientSecurityGroupId: kafka.network.membersSecurityGroup.securityGroupId,
    };
    for (const [key, value] of Object.entries(outputs) as [keyof typeof KAFKA_OUTPUTS, string][]) {
      new CfnOutput(this, KAFKA_OUTPUTS[key], { value });
    }
  }
}
