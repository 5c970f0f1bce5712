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

/**
 * Lambda's limits for an Amazon MSK event source mapping (CreateEventSourceMapping API reference)
 * that aws-cdk-lib does not check itself; it does check MaximumRetryAttempts ≤ 10,000,
 * MaximumRecordAgeInSeconds (60 s to 7 days) and the provisioned pollers (1–200, 1–2000, min ≤ max).
 */
export const MSK_EVENT_SOURCE_LIMITS = {
  batchSize: { min: 1, max: 10_000, reason: 'MSK event source BatchSize' },
  /** -1 (infinite) is excluded on purpose: with a destination Lambda would cap it at 10 anyway. */
  retryAttempts: { min: 0, reason: 'bounded: -1 (infinite) is refused, with a destination Lambda would cap it at 10 anyway' },
} as const;

/** The Kafka pattern's own limits. */
export const KAFKA_CLICKSTREAM_LIMITS = {
  partitions: { min: 1, max: 300, reason: 'MSK recommends at most 300 partitions per kafka.t3.small broker, replicas included' },
  analyticsMembers: { min: 0, max: 100, reason: 'members beyond the partition count idle; more than 100 would only add cost' },
  lagAlarmThresholdRecords: { min: 1, reason: 'a lag of 0 records is the normal state, not an alarm' },
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
