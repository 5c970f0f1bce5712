/**
 * The Kafka clickstream's topics as the stack creates them: partitions and configs. Plain constants
 * (no aws-cdk-lib import), so a remote run or a local harness can read the same values.
 */
import { KAFKA_TOPICS } from '../../runtime/kafka/kafka-names';

/** One topic: its name, partition count and topic-level configs (Kafka's own keys and values). */
export interface KafkaTopicSpec {
  /** Topic name (one of KAFKA_TOPICS). */
  readonly name: string;
  /** Partition count. */
  readonly partitions: number;
  /** Topic-level configs, Kafka's keys and string values (e.g. `cleanup.policy`). */
  readonly configs: Readonly<Record<string, string>>;
}

/** 7 days: long enough to replay a week, cheap on EBS (billed per provisioned GiB, not per record). */
const CLICKSTREAM_RETENTION_MS = String(7 * 24 * 3600 * 1000);
/** 14 days: time to investigate a poison record, as long as SQS keeps a message. */
const DEAD_LETTER_RETENTION_MS = String(14 * 24 * 3600 * 1000);

/**
 * The topics, for a `clickstream` topic of `clickstreamPartitions` partitions. The sessions topic
 * has the same partition count, so the members write a user's state to the partition number they
 * read it from.
 */
export function kafkaTopicSpecs(clickstreamPartitions: number): KafkaTopicSpec[] {
  return [
    {
      name: KAFKA_TOPICS.clickstream,
      partitions: clickstreamPartitions,
      configs: { 'cleanup.policy': 'delete', 'retention.ms': CLICKSTREAM_RETENTION_MS },
    },
    {
      name: KAFKA_TOPICS.sessions,
      partitions: clickstreamPartitions,
      configs: {
        // Retention by key: the log cleaner keeps each user's latest session state.
        'cleanup.policy': 'compact',
        // The cleaner never touches the active segment: roll hourly so old states become cleanable.
        'segment.ms': String(3600 * 1000),
        // Clean once 10% of the log is superseded states (Kafka's default, 50%, waits longer).
        'min.cleanable.dirty.ratio': '0.1',
      },
    },
    {
      // One partition: failures are rare and nothing reads the dead-letter topic in parallel.
      name: KAFKA_TOPICS.deadLetter,
      partitions: 1,
      configs: { 'cleanup.policy': 'delete', 'retention.ms': DEAD_LETTER_RETENTION_MS },
    },
  ];
}
