/**
 * How the Kafka run reaches the topics of any target: produce, read a whole topic with a new group,
 * replay from a timestamp. One object, so a unit test hands the run an in-memory stand-in.
 */
import type { KafkaClientAuth } from '../../runtime/kafka/analytics-member/kafka-connection';
import { produceClickstream, type ClickstreamRecordToSend } from '../../runtime/kafka/producer/produce-clickstream';
import { readWholeTopic, type ReadRecord } from './read-topic';
import { replayFromTimestamp } from './replay-from-timestamp';

/** The topic operations of a run. */
export interface KafkaTopicClient {
  /** Writes `records` to `topic`, keyed by userId (a poison record by its own key); record timestamps are the producer's clock. */
  produce(topic: string, records: readonly ClickstreamRecordToSend[]): Promise<void>;
  /** Every record of `topic`, read by a new group from the earliest offset. */
  readWhole(topic: string): Promise<ReadRecord[]>;
  /** The records of `topic` from `fromTimestampMs` on, read by the group `groupId`. */
  replayFrom(topic: string, fromTimestampMs: number, groupId: string): Promise<ReadRecord[]>;
}

/** The real clients, against `bootstrapServers` with `auth` (`{}`: plaintext). */
export function kafkaTopicClient(bootstrapServers: readonly string[], auth: KafkaClientAuth): KafkaTopicClient {
  return {
    produce: async (topic, records) => void (await produceClickstream({ bootstrapServers, topic, records, auth })),
    readWhole: (topic) => readWholeTopic({ bootstrapServers, topic, auth }),
    replayFrom: (topic, fromTimestampMs, groupId) => replayFromTimestamp({ bootstrapServers, topic, fromTimestampMs, groupId, auth }),
  };
}
