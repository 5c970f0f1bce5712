import type { DeaggregatedUserRecord } from '../../runtime/shared/kpl/deaggregate';

/**
 * Order inversions in what a stream holds (Kinesis shards, or Kafka partitions in offset order): a
 * record of a partition key that comes after a later-sent one of the same key. `sentPosition` maps an event's data to its position in the
 * producer's input; 0 means every user's events are in the order they were sent.
 */
export function countOrderInversions<TRecord extends Pick<DeaggregatedUserRecord, 'partitionKey'>>(
  userRecordsByShard: readonly (readonly TRecord[])[],
  sentPosition: (userRecord: TRecord) => number,
): number {
  let inversions = 0;
  const lastPositionByKey = new Map<string, number>();
  for (const userRecords of userRecordsByShard) {
    for (const userRecord of userRecords) {
      const position = sentPosition(userRecord);
      const last = lastPositionByKey.get(userRecord.partitionKey);
      if (last !== undefined && position < last) inversions += 1;
      lastPositionByKey.set(userRecord.partitionKey, Math.max(position, last ?? position));
    }
  }
  return inversions;
}
