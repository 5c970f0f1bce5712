/**
 * Watches what the MSK event source hands the sessionizer, without changing it: distinct valid events
 * seen, per-key order of first deliveries (must hold), interleavings across partitions (expected:
 * Kafka orders per partition only), and how many valid records of a poison record's partition were
 * delivered after that poison record (the partition kept moving).
 */
import type { MSKEvent } from 'aws-lambda';
import { parseClickstreamEvent } from '../../runtime/shared/clickstream-events';
import type { MskHandler } from './msk-event-source-runner';

/** What the observer counted. */
export interface SessionizerObservation {
  readonly seen: number;
  readonly perKeyOrderInversions: number;
  readonly crossPartitionInterleavings: number;
  readonly recordsAfterPoisonOnItsPartition: number;
}

/** A handler wrapper and its counts. */
export interface SessionizerObserver {
  readonly handler: MskHandler;
  observation(): SessionizerObservation;
}

function validEventOf(value: string): { eventId: string; userId: string } | undefined {
  try {
    return parseClickstreamEvent(JSON.parse(Buffer.from(value, 'base64').toString('utf8')));
  } catch {
    return undefined;
  }
}

/** Wraps `inner`; `productionOrder` maps each valid event id to its position in what was produced. */
export function observeSessionizer(inner: MskHandler, productionOrder: ReadonlyMap<string, number>): SessionizerObserver {
  const seen = new Set<string>();
  const highestOffsetByKey = new Map<string, number>();
  const firstPoisonOffset = new Map<number, number>();
  const afterPoison = new Set<string>();
  let inversions = 0;
  let interleavings = 0;
  let previousPosition: number | undefined;
  const handler: MskHandler = async (event: MSKEvent, context) => {
    for (const record of Object.values(event.records).flat()) {
      const parsed = validEventOf(record.value);
      if (parsed === undefined) {
        if (!firstPoisonOffset.has(record.partition)) firstPoisonOffset.set(record.partition, record.offset);
        continue;
      }
      const poisonAt = firstPoisonOffset.get(record.partition);
      if (poisonAt !== undefined && record.offset > poisonAt) afterPoison.add(parsed.eventId);
      if (seen.has(parsed.eventId)) continue;
      seen.add(parsed.eventId);
      const highest = highestOffsetByKey.get(parsed.userId);
      if (highest !== undefined && record.offset < highest) inversions += 1;
      else highestOffsetByKey.set(parsed.userId, record.offset);
      const position = productionOrder.get(parsed.eventId);
      if (position !== undefined && previousPosition !== undefined && position < previousPosition) interleavings += 1;
      if (position !== undefined) previousPosition = position;
    }
    return inner(event, context);
  };
  return {
    handler,
    observation: () => ({
      seen: seen.size,
      perKeyOrderInversions: inversions,
      crossPartitionInterleavings: interleavings,
      recordsAfterPoisonOnItsPartition: afterPoison.size,
    }),
  };
}
