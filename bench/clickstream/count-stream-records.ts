import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';

/** GetRecords returns at most 10,000 records per call (Kinesis limit). */
const GET_RECORDS_LIMIT = 10_000;

/**
 * Reads every shard of `streamName` from TRIM_HORIZON and counts the records found. The benchmark
 * uses it after the timed part, to prove that a contender's rate counts records that really landed.
 */
export async function countStreamRecords(client: KinesisClient, streamName: string): Promise<number> {
  const { Shards: shards = [] } = await client.send(new ListShardsCommand({ StreamName: streamName }));
  let total = 0;
  for (const shard of shards) {
    const { ShardIterator: firstIterator } = await client.send(
      new GetShardIteratorCommand({ StreamName: streamName, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    let iterator = firstIterator;
    while (iterator !== undefined) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: GET_RECORDS_LIMIT }));
      const found = page.Records?.length ?? 0;
      total += found;
      // An empty page at the tip (nothing behind latest) means the shard has been read to its end.
      const atTip = found === 0 && (page.MillisBehindLatest ?? 0) === 0;
      iterator = atTip ? undefined : page.NextShardIterator;
    }
  }
  return total;
}
