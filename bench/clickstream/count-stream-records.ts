import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { readStreamUserRecords } from './read-stream-user-records';

/**
 * Reads every shard of `streamName` from TRIM_HORIZON and counts the user records found (KPL
 * aggregates unpacked, so an aggregate counts as the events it carries). The benchmark uses it
 * after the timed part, to prove that a contender's rate counts events that really landed.
 */
export async function countStreamRecords(client: KinesisClient, streamName: string): Promise<number> {
  const { userRecordsByShard } = await readStreamUserRecords(client, streamName);
  return userRecordsByShard.reduce((total, userRecords) => total + userRecords.length, 0);
}
