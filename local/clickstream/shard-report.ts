/**
 * What the shards carried, from one consumer's first deliveries: records per shard, the share a hot
 * partition key takes of its shard, and how many valid records each poison record's shard still
 * delivered after it (the shard kept moving past the failure).
 */
import type { ShardDelivery } from './consumer-observer';

/** A hot key and the shard it landed on. */
export interface HotKeyShare {
  readonly userId: string;
  /** The key's records over all records. */
  readonly shareOfRecords: number;
  readonly shardId: string;
  /** The key's records over its shard's records. */
  readonly shareOfShard: number;
}

/** A record addressed by shard and sequence number. */
export interface ShardPosition {
  readonly shardId: string;
  readonly sequenceNumber: string;
}

/** Records per shard. */
export function recordsPerShard(deliveries: readonly ShardDelivery[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { shardId } of deliveries) counts[shardId] = (counts[shardId] ?? 0) + 1;
  return counts;
}

/** The hot user's share of all records and of its shard; undefined when it sent nothing. */
export function hotKeyShare(deliveries: readonly ShardDelivery[], userId: string): HotKeyShare | undefined {
  const own = deliveries.filter((delivery) => delivery.userId === userId);
  const shardId = own[0]?.shardId;
  if (shardId === undefined) return undefined;
  const shardTotal = deliveries.filter((delivery) => delivery.shardId === shardId).length;
  return { userId, shareOfRecords: own.length / deliveries.length, shardId, shareOfShard: own.length / shardTotal };
}

/**
 * Valid records delivered from a shard after that shard's first poison record: evidence the shard
 * kept moving. Each delivery counts once, however many poison records precede it.
 */
export function deliveredAfterPoison(deliveries: readonly ShardDelivery[], poison: readonly ShardPosition[]): number {
  const firstPoisonByShard = new Map<string, bigint>();
  for (const record of poison) {
    const position = BigInt(record.sequenceNumber);
    const first = firstPoisonByShard.get(record.shardId);
    if (first === undefined || position < first) firstPoisonByShard.set(record.shardId, position);
  }
  return deliveries.filter((delivery) => {
    const first = firstPoisonByShard.get(delivery.shardId);
    return first !== undefined && BigInt(delivery.sequenceNumber) > first;
  }).length;
}
