/**
 * The topics custom resource's property names: plain constants (no Kafka client, no aws-cdk-lib), so
 * the stack (lib/kafka/kafka-serverless-topics.ts) and the handler read the same names without the
 * stack importing runtime code.
 */

/** The resource's properties, as the stack writes them (lib/kafka/kafka-serverless-topics.ts). */
export const TOPICS_RESOURCE_PROPERTIES = {
  /** `host:port,...` of the cluster (SASL/IAM listener). */
  bootstrapServers: 'BootstrapServers',
  /** JSON array of TopicSpec: JSON because CloudFormation turns numbers in custom resource properties into strings. */
  topics: 'Topics',
  /** The cluster ARN: the physical id, so a new cluster means a new resource. */
  clusterArn: 'ClusterArn',
} as const;
