/**
 * Reads every record currently in a stream, shard by shard from TRIM_HORIZON: what a brand-new
 * reader sees. Used to check what was (and was not) written, and for the replay reader's baseline.
 */
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { CorruptAggregateError, deaggregate } from '../../../runtime/shared/kpl';
import type { ShardRecord } from './kinesis-stream-event';

/** GetRecords returns at most 10,000 records per call (Kinesis limit). */
const GET_RECORDS_LIMIT = 10_000;

/** Every shard id of the stream. */
export async function listShardIds(client: KinesisClient, streamName: string): Promise<string[]> {
  const shardIds: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListShardsCommand(nextToken === undefined ? { StreamName: streamName } : { NextToken: nextToken }),
    );
    shardIds.push(...(page.Shards ?? []).map((shard) => shard.ShardId ?? ''));
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return shardIds;
}

/** All records of one shard, in shard order, up to the tip at the time of the call. */
async function readWholeShard(client: KinesisClient, streamName: string, shardId: string): Promise<ShardRecord[]> {
  const start = await client.send(
    new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
  );
  const records: ShardRecord[] = [];
  let iterator = start.ShardIterator;
  while (iterator !== undefined) {
    const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: GET_RECORDS_LIMIT }));
    records.push(...(page.Records ?? []).map((record) => ({ shardId, record })));
    // MillisBehindLatest 0 with an empty page: caught up with the tip.
    if ((page.Records ?? []).length === 0 && (page.MillisBehindLatest ?? 0) === 0) break;
    iterator = page.NextShardIterator;
  }
  return records;
}

/** All records of every shard (each shard's records in order; shards one after another). */
export async function readWholeStream(client: KinesisClient, streamName: string): Promise<ShardRecord[]> {
  const shards = await listShardIds(client, streamName);
  const perShard = await Promise.all(shards.map((shardId) => readWholeShard(client, streamName, shardId)));
  return perShard.flat();
}

/**
 * One entry per user record: a KPL aggregate is unpacked as every consumer unpacks it (a new reader
 * sees the producer's user records, not its packing). A corrupt aggregate stays whole and is then
 * counted as poison, since none of it can be trusted.
 */
export function userRecordsOf(kinesisRecords: readonly ShardRecord[]): ShardRecord[] {
  return kinesisRecords.flatMap((shardRecord) => {
    const { record } = shardRecord;
    try {
      const userRecords = deaggregate({ data: record.Data ?? new Uint8Array(), partitionKey: record.PartitionKey ?? '' });
      if (userRecords.length === 1 && !userRecords[0]?.aggregated) return [shardRecord];
      return userRecords.map((userRecord) => ({ ...shardRecord, record: { ...record, PartitionKey: userRecord.partitionKey, Data: userRecord.data } }));
    } catch (error) {
      if (error instanceof CorruptAggregateError) return [shardRecord];
      throw error;
    }
  });
}

/** How many user records one Kinesis record carries: an aggregate's count, 1 for a plain or corrupt one (as {@link userRecordsOf} unpacks it). */
export function userRecordCountOf(kinesisRecord: ShardRecord): number {
  return userRecordsOf([kinesisRecord]).length;
}
