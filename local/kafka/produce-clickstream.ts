/**
 * Sends clickstream events to the `clickstream` topic keyed by userId (so a user's events share one
 * partition, as they share one Kinesis shard), in batches, with acks=all.
 */
import { Producer, ProduceAcks, stringSerializers } from '@platformatic/kafka';
import type { KafkaClientAuth } from '../../runtime/kafka/analytics-member/kafka-connection';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import { chunk } from '../../runtime/shared/chunk';

/** One record to send: an event, or raw text for poison records (with its key). */
export type ClickstreamRecordToSend = ClickstreamEvent | { readonly key: string; readonly raw: string };

/** Options of {@link produceClickstream}. */
export interface ProduceClickstreamOptions {
  readonly bootstrapServers: readonly string[];
  readonly topic: string;
  readonly records: readonly ClickstreamRecordToSend[];
  /** Records per produce request. @default 500 */
  readonly batchSize?: number;
  /** Called after each acknowledged batch with the records sent so far (to act mid-produce). @default none */
  readonly onBatchSent?: (sent: number) => void;
  /** TLS and SASL for a secured cluster (MSK IAM). @default plaintext, no auth (the local broker) */
  readonly auth?: KafkaClientAuth;
}

/** Sends the records in order (each batch acknowledged before the next); returns how many were sent. */
export async function produceClickstream(options: ProduceClickstreamOptions): Promise<number> {
  const producer = new Producer({
    clientId: 'queue-or-stream-producer',
    bootstrapBrokers: [...options.bootstrapServers],
    ...options.auth,
    serializers: stringSerializers,
    acks: ProduceAcks.ALL,
  });
  let sent = 0;
  try {
    for (const batch of chunk(options.records, options.batchSize ?? 500)) {
      const messages = batch.map((record) =>
        'raw' in record
          ? { topic: options.topic, key: record.key, value: record.raw }
          : { topic: options.topic, key: record.userId, value: JSON.stringify(record) },
      );
      await producer.send({ messages });
      sent += messages.length;
      options.onBatchSent?.(sent);
    }
  } finally {
    await producer.close();
  }
  return sent;
}
