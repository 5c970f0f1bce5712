/**
 * Reads a whole topic, from the earliest offset up to the end offsets taken at the start, with a
 * throwaway consumer group. For checks and reports, not for the pattern's consumers.
 */
import { Consumer, stringDeserializers } from '@platformatic/kafka';
import type { KafkaClientAuth } from '../../runtime/kafka/analytics-member/kafka-connection';
import { randomUUID } from 'node:crypto';

/** One record as read back. */
export interface ReadRecord {
  readonly partition: number;
  readonly offset: bigint;
  readonly timestamp: bigint;
  readonly key: string;
  readonly value: string;
  /** Record headers, names and values as text. @default none (readers that do not keep them) */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Options of {@link readWholeTopic}. */
export interface ReadWholeTopicOptions {
  readonly bootstrapServers: readonly string[];
  readonly topic: string;
  /** Gives up after this long. @default 60000 */
  readonly timeoutMs?: number;
  /** TLS and SASL for a secured cluster (MSK IAM). @default plaintext, no auth (the local broker) */
  readonly auth?: KafkaClientAuth;
}

/** All records of `topic`, per partition in offset order. */
export async function readWholeTopic(options: ReadWholeTopicOptions): Promise<ReadRecord[]> {
  const consumer = new Consumer({
    clientId: 'queue-or-stream-reader',
    groupId: `reader-${randomUUID()}`,
    bootstrapBrokers: [...options.bootstrapServers],
    ...options.auth,
    deserializers: stringDeserializers,
  });
  try {
    const ends = await consumer.listOffsets({ topics: [options.topic] });
    const starts = await consumer.listOffsets({ topics: [options.topic], timestamp: -2n });
    const endOffsets = ends.get(options.topic) ?? [];
    const startOffsets = starts.get(options.topic) ?? [];
    const remaining = new Map<number, bigint>();
    endOffsets.forEach((end, partition) => {
      if (end > (startOffsets[partition] ?? 0n)) remaining.set(partition, end);
    });
    const records: ReadRecord[] = [];
    if (remaining.size === 0) return records;
    const stream = await consumer.consume({ topics: [options.topic], mode: 'earliest', autocommit: false });
    const deadline = setTimeout(() => stream.destroy(new Error(`reading ${options.topic} took longer than ${options.timeoutMs ?? 60_000} ms`)), options.timeoutMs ?? 60_000);
    try {
      for await (const message of stream) {
        records.push({
          partition: message.partition,
          offset: message.offset,
          timestamp: message.timestamp,
          key: message.key,
          value: message.value,
          headers: Object.fromEntries([...message.headers].map(([name, value]) => [String(name), String(value)])),
        });
        const end = remaining.get(message.partition);
        if (end !== undefined && message.offset + 1n >= end) remaining.delete(message.partition);
        if (remaining.size === 0) break;
      }
    } finally {
      clearTimeout(deadline);
      await stream.close().catch(() => undefined);
    }
    return records.sort((a, b) => a.partition - b.partition || Number(a.offset - b.offset));
  } finally {
    await consumer.close(true).catch(() => undefined);
  }
}
