/** The MSK cluster types the Kafka stack can create (`-c kafkaCluster=...`). */
export const KAFKA_CLUSTER_MODES = ['provisioned', 'serverless'] as const;
/** One of {@link KAFKA_CLUSTER_MODES}. */
export type KafkaClusterMode = (typeof KAFKA_CLUSTER_MODES)[number];
