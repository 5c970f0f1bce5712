/**
 * Sends clickstream events to the `clickstream` topic keyed by userId (so a user's events share one
 * partition, as they share one Kinesis shard), with acks=all. Requests are pipelined across
 * partitions (partition-pipeline.ts) and each partition's records go in order, so each user's do.
 *
 * Idempotent, as Java's producer is by default: every request carries the producer id and each
 * partition's sequence numbers, so a request retried after a lost acknowledgement is not written
 * twice. It is switched on per request, not on the client: @platformatic/kafka turns a client-wide
 * `idempotent` into one request in flight per connection (its guard against two requests of one
 * partition overtaking each other), which takes the pipelining away. The pipeline already never has
 * two requests of one partition in flight, so that guard has nothing left to do here. On MSK with
 * IAM access control, WriteData on the topic is all an idempotent write needs (Kafka 2.8 and later,
 * KIP-679; MSK developer guide, "Create authorization policies for the IAM role").
 */
import { defaultPartitioner, Producer, ProduceAcks, type MessageToProduce } from '@platformatic/kafka';
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

/** Keys and values go as bytes, encoded here once (no serializers: the client sends buffers as they are). */
type ClickstreamMessage = MessageToProduce<Buffer, Buffer, Buffer, Buffer>;

/** Sends the records, each key's in order; resolves with how many were acknowledged once all are. */
export async function produceClickstream(options: ProduceClickstreamOptions): Promise<number> {
  if (options.records.length === 0) return 0;
  const maxInFlight = options.maxInFlight ?? 5;
  const producer = new Producer({
    clientId: 'queue-or-stream-producer',
    bootstrapBrokers: [...options.bootstrapServers],
    ...options.auth,
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
        await producer.send({ messages: [...messages], idempotent: true });
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
 * A key's bytes and partition are worked out once per key, not per record (a user has many events).
 */
function messagesByPartition(topic: string, records: readonly ClickstreamRecordToSend[], partitionsCount: number): Map<number, ClickstreamMessage[]> {
  const partitions = new Map<number, ClickstreamMessage[]>();
  const keys = new Map<string, { readonly key: Buffer; readonly partition: number }>();
  for (const record of records) {
    const keyText = 'raw' in record ? record.key : record.userId;
    let target = keys.get(keyText);
    if (target === undefined) {
      const key = Buffer.from(keyText);
      target = { key, partition: defaultPartitioner({ topic, key }, key) % partitionsCount };
      keys.set(keyText, target);
    }
    const value = Buffer.from('raw' in record ? record.raw : JSON.stringify(record));
    const messages = partitions.get(target.partition) ?? [];
    if (messages.length === 0) partitions.set(target.partition, messages);
    messages.push({ topic, key: target.key, value, partition: target.partition });
  }
  return partitions;
}
