/**
 * What a producer run left on its topic: every record read back, and the records of a key that
 * come after a later-sent record of the same key (per partition, in offset order).
 */
import { readWholeTopic } from '../../local/kafka/read-topic';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import { countOrderInversions } from '../clickstream/order-inversions';

/** One topic's check. */
export interface ProducedOrder {
  /** Records on the topic. */
  readonly records: number;
  /** Distinct events among them (fewer than `records` when one was written twice). */
  readonly distinctEvents: number;
  readonly inversions: number;
}

/** Reads `topic` (written once with `events`, in that order) and counts its order inversions. */
export async function checkProducedOrder(bootstrapServers: readonly string[], topic: string, events: readonly ClickstreamEvent[]): Promise<ProducedOrder> {
  const records = await readWholeTopic({ bootstrapServers, topic, timeoutMs: 120_000 });
  const positionByEventId = new Map(events.map((event, index) => [event.eventId, index]));
  const byPartition = new Map<number, { readonly partitionKey: string; readonly position: number }[]>();
  const eventIds = new Set<string>();
  for (const record of records) {
    const { eventId } = JSON.parse(record.value) as Pick<ClickstreamEvent, 'eventId'>;
    eventIds.add(eventId);
    const partition = byPartition.get(record.partition) ?? [];
    if (partition.length === 0) byPartition.set(record.partition, partition);
    partition.push({ partitionKey: record.key, position: positionByEventId.get(eventId) ?? Number.NaN });
  }
  return {
    records: records.length,
    distinctEvents: eventIds.size,
    inversions: countOrderInversions([...byPartition.values()], (record) => record.position),
  };
}
