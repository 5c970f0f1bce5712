import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { deaggregate, type DeaggregatedUserRecord } from '../../runtime/shared/kpl/deaggregate';

/** GetRecords returns at most 10,000 records per call (Kinesis limit). */
const GET_RECORDS_LIMIT = 10_000;

/** What a stream holds, as a consumer that deaggregates sees it. */
export interface StreamContents {
  /** Kinesis records (an aggregate counts once). */
  readonly kinesisRecords: number;
  /** Each shard's user records in shard order (aggregates unpacked in place). */
  readonly userRecordsByShard: readonly (readonly DeaggregatedUserRecord[])[];
}

/**
 * Reads every shard of `streamName` from TRIM_HORIZON and deaggregates what it finds: the benchmark
 * counts user records (what the producer was asked to send) and checks their per-user order.
 */
export async function readStreamUserRecords(client: KinesisClient, streamName: string): Promise<StreamContents> {
  const { Shards: shards = [] } = await client.send(new ListShardsCommand({ StreamName: streamName }));
  let kinesisRecords = 0;
  const userRecordsByShard: DeaggregatedUserRecord[][] = [];
  for (const shard of shards) {
    const userRecords: DeaggregatedUserRecord[] = [];
    const { ShardIterator: firstIterator } = await client.send(
      new GetShardIteratorCommand({ StreamName: streamName, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    let iterator = firstIterator;
    while (iterator !== undefined) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: GET_RECORDS_LIMIT }));
      const records = page.Records ?? [];
      kinesisRecords += records.length;
      for (const record of records) {
        userRecords.push(...deaggregate({ data: record.Data ?? new Uint8Array(), partitionKey: record.PartitionKey ?? '' }));
      }
      // An empty page at the tip (nothing behind latest) means the shard has been read to its end.
      const atTip = records.length === 0 && (page.MillisBehindLatest ?? 0) === 0;
      iterator = atTip ? undefined : page.NextShardIterator;
    }
    userRecordsByShard.push(userRecords);
  }
  return { kinesisRecords, userRecordsByShard };
}
