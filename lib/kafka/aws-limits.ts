/**
 * AWS values the Kafka stack depends on, each with the document it comes from, so a change in AWS
 * shows up in one place.
 */

/**
 * The MSK Kafka version: the newest 4.x MSK offers (`aws kafka list-kafka-versions` lists
 * `4.2.x.kraft` ACTIVE; aws-cdk's msk-alpha has `KafkaVersion.V4_2_X_KRAFT`). Kafka 4 runs KRaft
 * only. The local broker (local/) pins the same 4.2 line.
 */
export const MSK_KAFKA_VERSION = '4.2.x.kraft';

/** The brokers' SASL/IAM-over-TLS listener ("Port information", MSK developer guide). */
export const MSK_IAM_TLS_PORT = 9098;

/** Lambda's limits for an Amazon MSK event source mapping (CreateEventSourceMapping API reference). */
export const MSK_EVENT_SOURCE_LIMITS = {
  batchSize: { min: 1, max: 10_000, reason: 'MSK event source BatchSize' },
  /** -1 (infinite) is excluded on purpose: with a destination Lambda would cap it at 10 anyway. */
  retryAttempts: { min: 0, max: 10_000, reason: 'Kafka event source MaximumRetryAttempts' },
  maxRecordAgeSeconds: { min: 60, max: 604_800, reason: 'Kafka event source MaximumRecordAgeInSeconds' },
  minimumPollers: { min: 1, max: 200, reason: 'ProvisionedPollerConfig MinimumPollers' },
  maximumPollers: { min: 1, max: 2_000, reason: 'ProvisionedPollerConfig MaximumPollers' },
} as const;

/** MSK Provisioned limits for the default (sandbox) cluster. */
export const MSK_PROVISIONED_LIMITS = {
  /** Broker EBS volume, GiB ("CreateCluster: VolumeSize 1–16384"). */
  volumeSizeGiB: { min: 1, max: 16_384, reason: 'MSK EBS VolumeSize' },
} as const;

/**
 * The topic-level configs MSK Serverless lets a client set ("Configuration properties for MSK
 * Serverless clusters", MSK developer guide); it rejects every other key. `cleanup.policy` only at
 * topic creation.
 */
export const MSK_SERVERLESS_TOPIC_CONFIGS: readonly string[] = [
  'cleanup.policy',
  'compression.type',
  'max.message.bytes',
  'message.timestamp.difference.max.ms',
  'message.timestamp.type',
  'retention.bytes',
  'retention.ms',
];
