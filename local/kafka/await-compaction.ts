/**
 * Shows Kafka compaction on a compacted topic within seconds. First the records are counted, then
 * the topic is made cleanable at once (small segments that roll every second, any dirty ratio worth
 * cleaning), then one marker record per partition (after `segment.ms`) rolls the active segment,
 * which the cleaner never touches, and the topic is re-read until every key has one record left, or
 * the time is up.
 *
 * The speed-up comes only now, not at topic creation: a topic that is cleaned within seconds loses
 * the records that the analytics group's accounting (local/kafka/state-topic-report.ts) counts,
 * as soon as a pause (a SIGKILLed member's session timeout) lets a segment roll. That is what made
 * a mid-produce SIGKILL look like hundreds of lost records.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Admin, ConfigResourceTypes, IncrementalAlterConfigOperationTypes, Producer, stringSerializers } from '@platformatic/kafka';
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
  /** @default 30000 */
  readonly timeoutMs?: number;
}

/** `segment.ms` while compaction is shown. */
const FAST_SEGMENT_MS = 1000;

/** Topic configs that make every rolled segment cleanable at once. */
export const FAST_COMPACTION_CONFIGS: ReadonlyArray<{ readonly name: string; readonly value: string }> = [
  { name: 'segment.ms', value: String(FAST_SEGMENT_MS) },
  { name: 'min.cleanable.dirty.ratio', value: '0.01' },
  { name: 'delete.retention.ms', value: '1000' },
  { name: 'min.compaction.lag.ms', value: '0' },
  { name: 'max.compaction.lag.ms', value: '2000' },
];

/** Sets {@link FAST_COMPACTION_CONFIGS} on `topic` (the other configs stay). */
export async function speedUpCompaction(bootstrapServers: readonly string[], topic: string): Promise<void> {
  const admin = new Admin({ clientId: 'queue-or-stream-compaction', bootstrapBrokers: [...bootstrapServers] });
  try {
    await admin.incrementalAlterConfigs({
      resources: [
        {
          resourceType: ConfigResourceTypes.TOPIC,
          resourceName: topic,
          configs: FAST_COMPACTION_CONFIGS.map(({ name, value }) => ({ name, value, configOperation: IncrementalAlterConfigOperationTypes.SET })),
        },
      ],
    });
  } finally {
    await admin.close();
  }
}

/** Counts, speeds the cleaner up, rolls every partition's segment and waits until one record per key remains. */
export async function awaitCompaction(options: AwaitCompactionOptions): Promise<CompactionResult> {
  const count = async (): Promise<{ keys: number; records: number }> => {
    const records = (await readWholeTopic({ bootstrapServers: options.bootstrapServers, topic: options.topic })).filter(
      (record) => !record.key.startsWith(SEGMENT_ROLL_KEY_PREFIX),
    );
    return { keys: new Set(records.map((record) => record.key)).size, records: records.length };
  };
  const before = await count();
  await speedUpCompaction(options.bootstrapServers, options.topic);
  // A segment rolls when a record arrives after segment.ms.
  await sleep(FAST_SEGMENT_MS + 200);
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
