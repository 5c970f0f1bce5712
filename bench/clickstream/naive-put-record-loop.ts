import { PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';

/** One record as both contenders send it: the partition key and the exact bytes. */
export interface BenchRecord {
  readonly partitionKey: string;
  readonly data: Uint8Array;
}

/**
 * The classic tutorial producer, the benchmark's baseline: one `PutRecord` per event, awaited one
 * after the other (which keeps each user's order, as ours does). Returns how many were sent.
 */
export async function putRecordLoop(
  client: KinesisClient,
  streamName: string,
  records: readonly BenchRecord[],
): Promise<number> {
  for (const record of records) {
    await client.send(
      new PutRecordCommand({ StreamName: streamName, PartitionKey: record.partitionKey, Data: record.data }),
    );
  }
  return records.length;
}
