/**
 * Throughput of the analytics consumer group: N in-process members read a pre-filled topic, write
 * each user's state (acks=all) and commit, until every record is processed. A fresh group each run.
 */
import { AnalyticsMember } from '../../runtime/kafka/analytics-member/analytics-member';
import { waitUntil } from '../lib/deadline';
import { startStopwatch } from '../lib/stopwatch';

/** What one run measured. */
export interface GroupRun {
  readonly members: number;
  readonly records: number;
  readonly elapsedMs: number;
  readonly perMember: readonly number[];
  /** Partitions each member held. */
  readonly assigned: readonly number[];
  readonly maxCommitWindowMs: number;
}

/** Consumes `records` records of `topic` (with `partitions` partitions) with `members` members of a new group. */
export async function measureGroup(
  bootstrapServers: readonly string[],
  topics: { readonly source: string; readonly state: string },
  records: number,
  members: number,
  partitions: number,
): Promise<GroupRun> {
  const group = Array.from(
    { length: members },
    (_, index) =>
      new AnalyticsMember({
        connection: { bootstrapBrokers: [...bootstrapServers] },
        memberId: `bench-${members}-${index}`,
        groupId: `bench-analytics-${members}-members`,
        sourceTopic: topics.source,
        stateTopic: topics.state,
        startPaused: true,
      }),
  );
  try {
    await Promise.all(group.map((member) => member.start()));
    // The clock starts once the group has spread the partitions (joins and rebalances excluded).
    const busyMembers = Math.min(members, partitions);
    await waitUntil(() => group.filter((member) => member.assignedPartitions > 0).length === busyMembers && group.reduce((sum, member) => sum + member.assignedPartitions, 0) === partitions, {
      step: `${members} member(s) sharing ${partitions} partitions`,
      deadlineMs: 60_000,
    });
    const stopwatch = startStopwatch();
    for (const member of group) member.resume();
    await waitUntil(() => group.reduce((sum, member) => sum + member.stats.processed, 0) >= records, {
      step: `${members} member(s) consuming ${records} records`,
      deadlineMs: 180_000,
    });
    const elapsedMs = stopwatch.elapsedMs();
    return {
      members,
      records,
      elapsedMs,
      perMember: group.map((member) => member.stats.processed),
      assigned: group.map((member) => member.assignedPartitions),
      maxCommitWindowMs: Math.max(...group.map((member) => member.stats.maxCommitWindowMs)),
    };
  } finally {
    await Promise.all(group.map((member) => member.stop()));
  }
}
