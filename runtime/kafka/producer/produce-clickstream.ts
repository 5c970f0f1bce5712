/**
 * Sends clickstream events to the `clickstream` topic keyed by userId (so a user's events share one
 * partition, as they share one Kinesis shard), with acks=all. Requests are pipelined across
 * partitions (partition-pipeline.ts) and each partition's records go in order, so each user's do.
 *
 * Not the client's `idempotent` mode: @platformatic/kafka sets one request in flight per
 * connection when it is on, which takes the pipelining away (measured slower than one awaited
 * request at a time on the local broker). Order does not depend on it here, since a partition never
 * has two requests in flight. What it would add is that a request retried after a lost
 * acknowledgement is not written twice; without it delivery stays at-least-once, as it was.
 */
import { defaultPartitioner, Producer, ProduceAcks, stringSerializers, type MessageToProduce } from '@platformatic/kafka';
import type { ClickstreamEvent } from '../../shared/clickstream-events';
import type { KafkaClientAuth } from '../analytics-member/kafka-connection';
import { sendInPartitionPipeline } from './partition-pipeline';

/** One record to send: an event, or raw text for poison records (with its key). */
export type ClickstreamRecordToSend = ClickstreamEvent | { readonly key: string; readonly raw: string };

/** Options of {@link produceClickstream}. */
export interface ProduceClickstreamOptions {
  readonly bootstrapServers: readonly string[];
  readonly topic: string;
  readonly records: readonly ClickstreamRecordToSend[];
  /** Most records per produce request (each request holds records of one partition). @default 500 */
  readonly batchSize?: number;
  /** Most produce requests outstanding at once, never two of one partition (Java's default is 5). @default 5 */
  readonly maxInFlight?: number;
  /** Called after each acknowledged request with the records acknowledged so far (to act mid-produce). @default none */
  readonly onBatchSent?: (sent: number) => void;
  /** TLS and SASL for a secured cluster (MSK IAM). @default plaintext, no auth (the local broker) */
  readonly auth?: KafkaClientAuth;
}

type ClickstreamMessage = MessageToProduce<string, string, string, string>;

/** Sends the records, each key's in order; resolves with how many were acknowledged once all are. */
export async function produceClickstream(options: ProduceClickstreamOptions): Promise<number> {
  if (options.records.length === 0) return 0;
  const maxInFlight = options.maxInFlight ?? 5;
  const producer = new Producer({
    clientId: 'queue-or-stream-producer',
    bootstrapBrokers: [...options.bootstrapServers],
    ...options.auth,
    serializers: stringSerializers,
    acks: ProduceAcks.ALL,
    maxInflights: maxInFlight,
  });
  try {
    const metadata = await producer.metadata({ topics: [options.topic] });
    const partitionsCount = metadata.topics.get(options.topic)?.partitionsCount ?? 1;
    return await sendInPartitionPipeline({
      partitions: messagesByPartition(options.topic, options.records, partitionsCount),
      batchSize: options.batchSize ?? 500,
      maxInFlight,
      send: async (_partition, messages) => {
        await producer.send({ messages: [...messages] });
      },
      onBatchSent: options.onBatchSent,
    });
  } finally {
    await producer.close();
  }
}

/**
 * The records as messages grouped by partition, in their order. The partition is the one the client
 * would pick for the key (its default partitioner), chosen here so requests can be split by partition.
 */
function messagesByPartition(topic: string, records: readonly ClickstreamRecordToSend[], partitionsCount: number): Map<number, ClickstreamMessage[]> {
  const partitions = new Map<number, ClickstreamMessage[]>();
  for (const record of records) {
    const message = 'raw' in record ? { topic, key: record.key, value: record.raw } : { topic, key: record.userId, value: JSON.stringify(record) };
    const partition = defaultPartitioner(message, Buffer.from(message.key)) % partitionsCount;
    const messages = partitions.get(partition) ?? [];
    if (messages.length === 0) partitions.set(partition, messages);
    messages.push({ ...message, partition });
  }
  return partitions;
}
