/**
 * A reader that starts from TRIM_HORIZON after production: it reads the deployed stream itself,
 * keeps this run's records, and measures what a new consumer sees. This is the one consumer a
 * remote run observes record by record (the deployed Lambda consumers are observed by their effects).
 */
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { isDeepStrictEqual } from 'node:util';
import { aggregateClickstream } from '../../runtime/clickstream/dashboard-lambda/aggregate';
import { decodeClickstreamRecordData } from '../../runtime/shared/clickstream-record-codec';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import { readWholeStream } from '../clickstream/kinesis-event-source/read-whole-stream';
import type { ShardRecord } from '../clickstream/kinesis-event-source/kinesis-stream-event';

/** One of this run's records as the replay read it. */
export interface ReplayedRecord {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly partitionKey: string;
  /** The decoded event, or undefined for poison. */
  readonly event?: ClickstreamEvent;
}

/** What the replay saw of one run. */
export interface StreamReplay {
  /** This run's records (events and poison), each shard's in shard order. */
  readonly records: readonly ReplayedRecord[];
  /** Distinct events seen. */
  readonly seen: number;
  /** A user's event read after a later event of the same user (expect 0: order holds per key). */
  readonly perUserOrderInversions: number;
  /** This run's records per shard. */
  readonly perShard: Readonly<Record<string, number>>;
  /** Aggregates of the replayed events equal those of the produced events. */
  readonly aggregatesEqualProduced: boolean;
}

/** Which records are this run's, and their production order. */
export interface RunRecordFilter {
  /** Event ids of this run start with this (`evt-<seed>-`). */
  readonly eventIdPrefix: string;
  /** Partition keys of this run start with this (users and poison). */
  readonly partitionKeyPrefix: string;
  /** The produced events, in production order. */
  readonly produced: readonly ClickstreamEvent[];
}

/** Reads the whole stream and measures this run's part of it. */
export async function replayStream(kinesis: KinesisClient, streamName: string, filter: RunRecordFilter): Promise<StreamReplay> {
  return measureReplay(await readWholeStream(kinesis, streamName), filter);
}

/** The measurements of {@link replayStream}, from records already read (pure). */
export function measureReplay(shardRecords: readonly ShardRecord[], filter: RunRecordFilter): StreamReplay {
  const productionIndex = new Map(filter.produced.map((event, index) => [event.eventId, index]));
  const records = shardRecords.flatMap((shardRecord) => {
    const replayed = toReplayedRecord(shardRecord);
    return replayed.partitionKey.startsWith(filter.partitionKeyPrefix) ? [replayed] : [];
  });
  const seenIds = new Set<string>();
  const latestIndexByUser = new Map<string, number>();
  const perShard: Record<string, number> = {};
  let inversions = 0;
  const events: ClickstreamEvent[] = [];
  for (const record of records) {
    perShard[record.shardId] = (perShard[record.shardId] ?? 0) + 1;
    const event = record.event;
    if (event === undefined || !event.eventId.startsWith(filter.eventIdPrefix) || seenIds.has(event.eventId)) continue;
    seenIds.add(event.eventId);
    events.push(event);
    const index = productionIndex.get(event.eventId) ?? -1;
    const latest = latestIndexByUser.get(event.userId) ?? -1;
    if (index < latest) inversions += 1;
    latestIndexByUser.set(event.userId, Math.max(index, latest));
  }
  return {
    records,
    seen: seenIds.size,
    perUserOrderInversions: inversions,
    perShard,
    aggregatesEqualProduced: isDeepStrictEqual(aggregateClickstream(events), aggregateClickstream(filter.produced)),
  };
}

function toReplayedRecord({ shardId, record }: ShardRecord): ReplayedRecord {
  const base = { shardId, sequenceNumber: record.SequenceNumber ?? '', partitionKey: record.PartitionKey ?? '' };
  try {
    return { ...base, event: decodeClickstreamRecordData(Buffer.from(record.Data ?? new Uint8Array()).toString('base64')) };
  } catch {
    return base;
  }
}
