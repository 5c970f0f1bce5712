/**
 * The Kafka cells of the comparison table, one list of lines per dimension, in the order of the
 * rows. Every figure comes from the run, `n/a` where the target could not show it; without a broker
 * each cell says why, the first what to install. Pure, so it is unit-tested.
 */
import { sameInEveryCell, type QuestionCells } from '../patterns/five-questions';
import { counts, figure, percent } from '../comparison/format-counts';
import { isKafkaNotRun, type KafkaColumn, type KafkaComparison } from '../comparison/kafka-comparison';

/** The Kafka column's cells. */
export function kafkaCells(column: KafkaColumn): QuestionCells {
  if (isKafkaNotRun(column)) return { ...sameInEveryCell(['not run']), who: [`NOT RUN: ${column.notRun}`] };
  const { groups, hotKey } = column;
  return {
    who: [
      'EVERY group sees every record; inside a group, ONE member per partition',
      `produced ${column.produced}; seen by sessionizer ${groups.sessionizer.seen}, analytics ${groups.analytics.seen}, replay ${groups['replay-earliest'].seen}`,
      `analytics per member${column.deployed === undefined ? '' : ' (Fargate task)'}: ${Object.keys(column.perMember).length === 0 ? 'none recorded' : counts(column.perMember, '')}`,
      rebalanceLine(column),
    ],
    ordering: [
      `per-key order inversions: ${column.perKeyOrderInversions}`,
      ...(column.crossPartitionInterleavings === null ? [] : [`cross-partition interleavings: ${column.crossPartitionInterleavings}`]),
      '(order per partition, not global)',
    ],
    replay: [
      'offsets: a new group from the earliest offset re-reads all',
      `earliest saw ${groups['replay-earliest'].seen}; by timestamp ${column.replayFromTimestamp.seen}/${column.replayFromTimestamp.expected}; same aggregates: ${column.replayAggregatesEqual ? 'yes' : 'NO'}`,
      column.compaction === null ? 'compaction: n/a (hourly segments: the cleaner has nothing to do within a run)' : `compaction: ${column.compaction.recordsAfter} records for ${column.compaction.keys} keys`,
    ],
    failure: [
      column.failedInvocations === null ? 'poison: retried by the MSK event source, then' : `poison: ${column.failedInvocations} failed invocations (retries + bisect), then`,
      `${column.deadLettered}/${column.poisonWritten} on the dead-letter topic (${column.deadLetterTopicRecords} records ${column.deployed === undefined ? '' : 'of this run '}there in all);`,
      `partition kept moving: ${figure(column.recordsAfterPoisonOnItsPartition)} records after the poison`,
    ],
    scaling: [
      'the partition: at most one member of a group reads it',
      membersLine(column),
      `per partition: ${counts(column.perPartition, 'p')}`,
      hotKey === null ? 'hot key: n/a' : `hot key ${hotKey.userId}: ${percent(hotKey.shareOfRecords)} of records, ${percent(hotKey.shareOfPartition)} of p${hotKey.partition}`,
    ],
  };
}

function rebalanceLine(column: KafkaComparison): string {
  const { rebalance } = column;
  if (rebalance === null) return `duplicates: ${column.analyticsDuplicates} (no member is killed${column.deployed === undefined ? '' : ` on ${column.deployed.stackName}`})`;
  return `after the SIGKILL of ${column.killedMember ?? 'a member'} (${rebalance.producedAfterKill} records still to produce): lost ${rebalance.lost}, duplicates ${rebalance.duplicates}`;
}

function membersLine(column: KafkaComparison): string {
  if (column.members === null) {
    const cluster = column.deployed === undefined ? '' : ` (${column.deployed.clusterMode} cluster)`;
    return `${column.partitions} partitions${cluster}, ${Object.keys(column.perMember).length} analytics member(s) recorded work`;
  }
  return `${column.partitions} partitions, ${column.members} members: ${Math.min(column.members, column.partitions)} busy, ${figure(column.idleMembers)} idle until a rebalance`;
}
