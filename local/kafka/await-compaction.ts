/**
 * Shows Kafka compaction on a topic created with `fastCompaction`: the log cleaner never touches the
 * active segment, so one marker record per partition (after `segment.ms`) rolls it, then the topic
 * is re-read until every key has one record left, or the time is up.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Producer, stringSerializers } from '@platformatic/kafka';
import { readWholeTopic } from './read-topic';

/** Key of the marker record that rolls partition `partition`'s segment. */
export const SEGMENT_ROLL_KEY_PREFIX = '__segment-roll-';

/** What was left after compaction. */
export interface CompactionResult {
  /** Distinct keys (marker keys excluded). */
  readonly keys: number;
  /** Records of those keys left in the topic (equal to `keys` once compacted). */
  readonly recordsAfter: number;
  /** Records of those keys before compaction. */
  readonly recordsBefore: number;
}

/** Options of {@link awaitCompaction}. */
export interface AwaitCompactionOptions {
  readonly bootstrapServers: readonly string[];
  readonly topic: string;
  readonly partitions: number;
  /** The topic's `segment.ms`. @default 1000 (what `fastCompaction` sets) */
  readonly segmentMs?: number;
  /** @default 30000 */
  readonly timeoutMs?: number;
}

/** Rolls every partition's segment and waits until one record per key remains. */
export async function awaitCompaction(options: AwaitCompactionOptions): Promise<CompactionResult> {
  const count = async (): Promise<{ keys: number; records: number }> => {
    const records = (await readWholeTopic({ bootstrapServers: options.bootstrapServers, topic: options.topic })).filter(
      (record) => !record.key.startsWith(SEGMENT_ROLL_KEY_PREFIX),
    );
    return { keys: new Set(records.map((record) => record.key)).size, records: records.length };
  };
  const before = await count();
  // A segment rolls when a record arrives after segment.ms.
  await sleep((options.segmentMs ?? 1000) + 200);
  const producer = new Producer({ clientId: 'queue-or-stream-roll', bootstrapBrokers: [...options.bootstrapServers], serializers: stringSerializers });
  try {
    await producer.send({
      messages: Array.from({ length: options.partitions }, (_, partition) => ({
        topic: options.topic,
        partition,
        key: `${SEGMENT_ROLL_KEY_PREFIX}${partition}`,
        value: 'roll',
      })),
    });
  } finally {
    await producer.close();
  }
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let after = await count();
  while (after.records > after.keys && Date.now() < deadline) {
    await sleep(1000);
    after = await count();
  }
  return { keys: after.keys, recordsAfter: after.records, recordsBefore: before.records };
}
