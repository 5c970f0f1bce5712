/**
 * Lag per consumer group, from what the broker reports: each partition's log start and end offsets
 * (ListOffsets EARLIEST and LATEST) and the offsets the group committed (OffsetFetch). The lag is
 * the records between the group's committed position and the end, summed over the partitions; it is
 * what `kafka-consumer-groups --describe` prints as LAG. Pure, so it is unit-tested; the sampler
 * (group-lag-sampler.ts) asks the broker.
 */
import type { ListConsumerGroupOffsetsGroup } from '@platformatic/kafka';

/** One partition's readable range: `start` is the first offset still in the log, `end` the next to be written. */
export interface PartitionRange {
  readonly start: bigint;
  readonly end: bigint;
}

/**
 * Records of the topic the group has not committed past, or undefined when it has committed nothing
 * on it (a reader that commits no offsets has no lag the broker could report). A partition without
 * a commit yet counts from its log start: the run's groups start from the earliest offset there.
 */
export function groupLag(partitions: readonly PartitionRange[], committed: ReadonlyMap<number, bigint>): number | undefined {
  if (committed.size === 0) return undefined;
  let lag = 0n;
  partitions.forEach(({ start, end }, partition) => {
    const position = committed.get(partition) ?? start;
    // A committed offset below the log start (records deleted) reads from the log start; above the end it is 0.
    const from = position < start ? start : position;
    if (end > from) lag += end - from;
  });
  return Number(lag);
}

/**
 * The offsets each group committed on `topic`, by group id and partition. The broker answers -1 for
 * a partition the group has no offset for: left out, like a partition it did not name.
 */
export function committedOffsetsOn(topic: string, groups: readonly ListConsumerGroupOffsetsGroup[]): Map<string, Map<number, bigint>> {
  return new Map(groups.map((group) => {
    const partitions = group.topics.filter((one) => one.name === topic).flatMap((one) => one.partitions);
    return [group.groupId, new Map(partitions.filter((one) => one.committedOffset >= 0n).map((one) => [one.partitionIndex, one.committedOffset]))];
  }));
}

/** Each named group's lag (name → group id in `groups`); groups with nothing committed are left out. */
export function lagPerGroup(groups: Readonly<Record<string, string>>, partitions: readonly PartitionRange[], committed: ReadonlyMap<string, ReadonlyMap<number, bigint>>): Map<string, number> {
  const lags = new Map<string, number>();
  for (const [name, groupId] of Object.entries(groups)) {
    const lag = groupLag(partitions, committed.get(groupId) ?? new Map());
    if (lag !== undefined) lags.set(name, lag);
  }
  return lags;
}
