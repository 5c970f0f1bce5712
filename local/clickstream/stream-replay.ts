/**
 * A reader that starts from TRIM_HORIZON after production: it reads the stream itself, keeps this
 * run's records, and measures what a new consumer sees. The same read on every target; it is also
 * where the shards' load is counted (records per shard, the hot key's share).
 */
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { isDeepStrictEqual } from 'node:util';
import { aggregateClickstream } from '../../runtime/clickstream/dashboard-lambda/aggregate';
import { decodeClickstreamRecordData } from '../../runtime/shared/clickstream-record-codec';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import type { ShardDelivery } from './consumer-observer';
import { readWholeStream, userRecordsOf } from './kinesis-event-source/read-whole-stream';
import type { ShardRecord } from './kinesis-event-source/kinesis-stream-event';
import { recordsPerShard } from './shard-report';

/** What the replay saw of one run. */
export interface StreamReplay {
  /** This run's valid events, first reads only, each shard's in shard order. */
  readonly events: readonly ClickstreamEvent[];
  /** Where each of `events` was read. */
  readonly deliveries: readonly ShardDelivery[];
  /** Distinct events seen. */
  readonly seen: number;
  /** This run's records that did not decode (poison). */
  readonly poisonRead: number;
  /** A user's event read after a later event of the same user (expect 0: order holds per key). */
  readonly perUserOrderInversions: number;
  /** This run's valid events per shard. */
  readonly perShard: Readonly<Record<string, number>>;
  /** Aggregates of the replayed events equal those of the produced events. */
  readonly aggregatesEqualProduced: boolean;
}

/** Which records are this run's, and their production order. */
export interface RunRecordFilter {
  /** Partition keys of this run start with this (users and poison); '' on a stream only this run wrote. */
  readonly partitionKeyPrefix: string;
  /** The produced events, in production order. */
  readonly produced: readonly ClickstreamEvent[];
}

/** Reads the whole stream and measures this run's part of it. */
export async function replayStream(kinesis: KinesisClient, streamName: string, filter: RunRecordFilter): Promise<StreamReplay> {
  return measureReplay(await readWholeStream(kinesis, streamName), filter);
}

/** The measurements of {@link replayStream}, from records already read (pure). */
export function measureReplay(kinesisRecords: readonly ShardRecord[], filter: RunRecordFilter): StreamReplay {
  const shardRecords = userRecordsOf(kinesisRecords);
  const productionIndex = new Map(filter.produced.map((event, index) => [event.eventId, index]));
  const latestIndexByUser = new Map<string, number>();
  const events: ClickstreamEvent[] = [];
  const deliveries: ShardDelivery[] = [];
  let inversions = 0;
  let poisonRead = 0;
  for (const { shardId, record } of shardRecords) {
    if (!(record.PartitionKey ?? '').startsWith(filter.partitionKeyPrefix)) continue;
    const event = decodeOrUndefined(record.Data);
    if (event === undefined) poisonRead += 1;
    const index = event === undefined ? undefined : productionIndex.get(event.eventId);
    if (event === undefined || index === undefined) continue;
    productionIndex.delete(event.eventId);
    events.push(event);
    deliveries.push({ shardId, sequenceNumber: record.SequenceNumber ?? '', userId: event.userId });
    const latest = latestIndexByUser.get(event.userId) ?? -1;
    if (index < latest) inversions += 1;
    latestIndexByUser.set(event.userId, Math.max(index, latest));
  }
  return {
    events,
    deliveries,
    seen: events.length,
    poisonRead,
    perUserOrderInversions: inversions,
    perShard: recordsPerShard(deliveries),
    aggregatesEqualProduced: isDeepStrictEqual(aggregateClickstream(events), aggregateClickstream(filter.produced)),
  };
}

function decodeOrUndefined(data: Uint8Array | undefined): ClickstreamEvent | undefined {
  try {
    return decodeClickstreamRecordData(Buffer.from(data ?? new Uint8Array()).toString('base64'));
  } catch {
    return undefined;
  }
}
