/**
 * A late reader that seeks by time: `ListOffsets` with a timestamp gives, per partition, the first
 * offset whose record timestamp is at or after it; the reader consumes from there to the end
 * offsets taken at the start. Kafka's replay-by-time, which a Kinesis reader does with
 * AT_TIMESTAMP iterators and an SQS consumer cannot do at all.
 */
import { Consumer, stringDeserializers } from '@platformatic/kafka';
import type { KafkaClientAuth } from '../../runtime/kafka/analytics-member/kafka-connection';
import { KAFKA_GROUPS } from '../../runtime/kafka/kafka-names';
import type { ReadRecord } from './read-topic';

/** Options of {@link replayFromTimestamp}. */
export interface ReplayFromTimestampOptions {
  readonly bootstrapServers: readonly string[];
  readonly topic: string;
  /** Epoch milliseconds. */
  readonly fromTimestampMs: number;
  /** @default KAFKA_GROUPS.replayTimestamp */
  readonly groupId?: string;
  /** @default 60000 */
  readonly timeoutMs?: number;
  /** TLS and SASL for a secured cluster (MSK IAM). @default plaintext, no auth (the local broker) */
  readonly auth?: KafkaClientAuth;
}

/** Every record of `topic` with a timestamp at or after `fromTimestampMs`. */
export async function replayFromTimestamp(options: ReplayFromTimestampOptions): Promise<ReadRecord[]> {
  const consumer = new Consumer({
    clientId: 'queue-or-stream-replay-timestamp',
    groupId: options.groupId ?? KAFKA_GROUPS.replayTimestamp,
    bootstrapBrokers: [...options.bootstrapServers],
    ...options.auth,
    deserializers: stringDeserializers,
  });
  try {
    const ends = (await consumer.listOffsets({ topics: [options.topic] })).get(options.topic) ?? [];
    const starts = (await consumer.listOffsets({ topics: [options.topic], timestamp: BigInt(options.fromTimestampMs) })).get(options.topic) ?? [];
    const remaining = new Map<number, bigint>();
    const offsets = starts.map((start, partition) => {
      // -1: no record at or after the timestamp in this partition.
      const end = ends[partition] ?? 0n;
      const from = start < 0n ? end : start;
      if (from < end) remaining.set(partition, end);
      return { topic: options.topic, partition, offset: from };
    });
    const records: ReadRecord[] = [];
    if (remaining.size === 0) return records;
    const stream = await consumer.consume({ topics: [options.topic], mode: 'manual', offsets, autocommit: false });
    const timeoutMs = options.timeoutMs ?? 60_000;
    const deadline = setTimeout(() => stream.destroy(new Error(`replaying ${options.topic} took longer than ${timeoutMs} ms`)), timeoutMs);
    try {
      for await (const message of stream) {
        const end = remaining.get(message.partition);
        if (end === undefined || message.offset >= end) continue;
        records.push({ partition: message.partition, offset: message.offset, timestamp: message.timestamp, key: message.key, value: message.value });
        if (message.offset + 1n >= end) remaining.delete(message.partition);
        if (remaining.size === 0) break;
      }
    } finally {
      clearTimeout(deadline);
      await stream.close().catch(() => undefined);
    }
    return records;
  } finally {
    await consumer.close(true).catch(() => undefined);
  }
}
