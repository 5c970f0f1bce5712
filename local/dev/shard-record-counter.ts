/**
 * Counts the Kinesis records a consumer is handed, per shard, without changing what the handler
 * does: `npm run dev`'s live page draws one lane per shard from it, so a person putting records
 * with one partition key sees them fill a single shard.
 */
import type { KinesisHandler } from '../clickstream/kinesis-event-source/kinesis-event-source-runner';

/** A wrapped handler and its counts. */
export interface ShardRecordCounter {
  readonly handler: KinesisHandler;
  /** Records handed so far, by shard id (retries counted again, as the function sees them). */
  counts(): ReadonlyMap<string, number>;
}

/** Wraps `inner`. A record's `eventID` is `<shardId>:<sequenceNumber>`, as Lambda builds it. */
export function countRecordsPerShard(inner: KinesisHandler): ShardRecordCounter {
  const counts = new Map<string, number>();
  return {
    handler: (event, context) => {
      for (const record of event.Records) {
        const shardId = record.eventID.split(':', 1)[0] ?? record.eventID;
        counts.set(shardId, (counts.get(shardId) ?? 0) + 1);
      }
      return inner(event, context);
    },
    counts: () => counts,
  };
}
