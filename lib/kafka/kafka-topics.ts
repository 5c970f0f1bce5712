/**
 * The clickstream's topics, created at deploy time in the supported way for each cluster type:
 * - provisioned: AWS::MSK::Topic (aws-cdk-lib `CfnTopic`), CloudFormation's own resource over MSK's
 *   topic API (CreateTopic/UpdateTopic/DeleteTopic; MSK Provisioned from Kafka 3.6 on), so nothing
 *   has to reach the brokers with a Kafka admin client;
 * - serverless: that API "is not available for MSK Serverless clusters" ("Topic Operations:
 *   requirements", MSK developer guide), so {@link KafkaServerlessTopics}, a custom resource whose
 *   function uses Kafka's admin API from inside the VPC.
 * Either way, depend on this construct to wait for the topics.
 */
import { Construct } from 'constructs';
import { CfnTopic } from 'aws-cdk-lib/aws-msk';
import type { KafkaMskCluster } from './kafka-msk-cluster';
import type { KafkaNetwork } from './kafka-network';
import { KafkaServerlessTopics } from './kafka-serverless-topics';
import type { KafkaTopicSpec } from './kafka-topic-specs';

/** Props of {@link KafkaTopics}. */
export interface KafkaTopicsProps {
  /** The cluster the topics live on. */
  readonly cluster: KafkaMskCluster;
  /** The topics to create. */
  readonly specs: readonly KafkaTopicSpec[];
  /** The cluster's network (serverless: where the topics function runs). */
  readonly network: KafkaNetwork;
  /** SASL/IAM bootstrap string (serverless: what the topics function connects to). */
  readonly bootstrapServers: string;
}

/** One CfnTopic per spec (provisioned), or one custom resource for all of them (serverless). */
export class KafkaTopics extends Construct {
  /** The CfnTopics by name; empty on serverless. */
  public readonly topics: ReadonlyMap<string, CfnTopic>;
  /** The custom resource that creates the topics on serverless; undefined on provisioned. */
  public readonly serverlessTopics?: KafkaServerlessTopics;

  constructor(scope: Construct, id: string, props: KafkaTopicsProps) {
    super(scope, id);
    const topics = new Map<string, CfnTopic>();
    if (props.cluster.mode === 'serverless') {
      this.serverlessTopics = new KafkaServerlessTopics(this, 'ServerlessTopics', props);
    } else {
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
