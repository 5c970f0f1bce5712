/**
 * `ParallelizationFactor` > 1 lets Lambda process up to that many batches of one shard at once while
 * keeping each partition key in order (AWS: records with the same partition key always go to the same
 * concurrent batch). The runner models that with lanes: a key always maps to the same lane, and a lane
 * has at most one batch in flight.
 */
import { createHash } from 'node:crypto';

/** The lane (0 … factor−1) a partition key belongs to; stable for a given key and factor. */
export function laneOfPartitionKey(partitionKey: string, parallelizationFactor: number): number {
  if (parallelizationFactor <= 1) return 0;
  // Kinesis itself places keys by MD5; any stable hash keeps per-key order, MD5 spreads keys evenly.
  const digest = createHash('md5').update(partitionKey).digest();
  return digest.readUInt32BE(0) % parallelizationFactor;
}

/** Splits records into per-lane queues, keeping each lane in the original (shard) order. */
export function splitIntoLanes<TRecord>(
  records: readonly TRecord[],
  partitionKeyOf: (record: TRecord) => string,
  parallelizationFactor: number,
): TRecord[][] {
  const lanes: TRecord[][] = Array.from({ length: Math.max(1, parallelizationFactor) }, () => []);
  for (const record of records) {
    lanes[laneOfPartitionKey(partitionKeyOf(record), parallelizationFactor)]?.push(record);
  }
  return lanes;
}
