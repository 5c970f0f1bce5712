/**
 * The clickstream's topics, created at deploy time with AWS::MSK::Topic (aws-cdk-lib `CfnTopic`):
 * CloudFormation's own resource over MSK's topic API (CreateTopic/UpdateTopic/DeleteTopic), so no
 * custom-resource Lambda has to reach the brokers with a Kafka admin client. That API serves MSK
 * Provisioned clusters from Kafka 3.6 on; it does not serve MSK Serverless, so on serverless this
 * construct creates nothing and the cluster's synth warning says so.
 */
import { Construct } from 'constructs';
import { CfnTopic } from 'aws-cdk-lib/aws-msk';
import type { KafkaMskCluster } from './kafka-msk-cluster';
import type { KafkaTopicSpec } from './kafka-topic-specs';

/** Props of {@link KafkaTopics}. */
export interface KafkaTopicsProps {
  /** The cluster the topics live on. */
  readonly cluster: KafkaMskCluster;
  /** The topics to create. */
  readonly specs: readonly KafkaTopicSpec[];
}

/** One CfnTopic per spec (provisioned clusters only). */
export class KafkaTopics extends Construct {
  /** The created topics by name; empty on serverless. */
  public readonly topics: ReadonlyMap<string, CfnTopic>;

  constructor(scope: Construct, id: string, props: KafkaTopicsProps) {
    super(scope, id);
    const topics = new Map<string, CfnTopic>();
    if (props.cluster.mode === 'provisioned') {
      // Every partition on every broker: a broker (one per AZ) can fail without losing data.
      const replicationFactor = props.cluster.brokerCount;
      for (const spec of props.specs) {
        topics.set(spec.name, new CfnTopic(this, spec.name, {
          clusterArn: props.cluster.clusterArn,
          topicName: spec.name,
          partitionCount: spec.partitions,
          replicationFactor,
          // The MSK topic API takes the configs as a Base64-encoded JSON object of string values.
          configs: encodeTopicConfigs(spec.configs),
        }));
      }
    }
    this.topics = topics;
  }
}

/** A JSON object of the configs, Base64-encoded: the `Configs` format of AWS::MSK::Topic (CreateTopic). */
export function encodeTopicConfigs(configs: Readonly<Record<string, string>>): string {
  return Buffer.from(JSON.stringify(configs), 'utf8').toString('base64');
}
