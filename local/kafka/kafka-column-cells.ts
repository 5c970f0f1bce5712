/**
 * The Kafka cells of the comparison table, one list of lines per dimension, in the order of the
 * rows. Every figure comes from the run; without a broker each cell says why, the first what to
 * install. Pure, so it is unit-tested.
 */
import { sameInEveryCell, type QuestionCells } from '../patterns/five-questions';
import { deployedKafkaCells } from './deployed-kafka-cells';
import { counts, percent } from '../comparison/format-counts';
import { isDeployedKafka, isKafkaNotRun, type KafkaColumn } from '../comparison/kafka-comparison';

/** The Kafka column's cells. */
export function kafkaCells(column: KafkaColumn): QuestionCells {
  if (isKafkaNotRun(column)) return { ...sameInEveryCell(['not run']), who: [`NOT RUN: ${column.notRun}`] };
  if (isDeployedKafka(column)) return deployedKafkaCells(column);
  const { groups, rebalance, hotKey } = column;
  const idle = column.idleMembers;
  return {
    who: [
      'EVERY group sees every record; inside a group, ONE member per partition',
      `produced ${column.produced}; seen by sessionizer ${groups.sessionizer.seen}, analytics ${groups.analytics.seen}, replay ${groups['replay-earliest'].seen}`,
      `analytics per member: ${counts(column.perMember, '')}`,
      `after the SIGKILL of ${column.killedMember} (${rebalance.producedAfterKill} records still to produce): lost ${rebalance.lost}, duplicates ${rebalance.duplicates}`,
    ],
    ordering: [
      `per-key order inversions: ${column.perKeyOrderInversions}`,
      `cross-partition interleavings: ${column.crossPartitionInterleavings}`,
      '(order per partition, not global)',
    ],
    replay: [
      'offsets: a new group from the earliest offset re-reads all',
      `earliest saw ${groups['replay-earliest'].seen}; by timestamp ${column.replayFromTimestamp.seen}/${column.replayFromTimestamp.expected}; same aggregates: ${column.replayAggregatesEqual ? 'yes' : 'NO'}`,
      `compaction: ${column.compaction.recordsAfter} records for ${column.compaction.keys} keys`,
    ],
    failure: [
      `poison: ${column.failedInvocations} failed invocations (retries + bisect), then`,
      `${column.deadLettered}/${column.poisonWritten} on the dead-letter topic (${column.deadLetterTopicRecords} records there in all);`,
      `partition kept moving: ${column.recordsAfterPoisonOnItsPartition} records after the poison`,
    ],
    scaling: [
      'the partition: at most one member of a group reads it',
      `${column.partitions} partitions, ${column.members} members: ${Math.min(column.members, column.partitions)} busy, ${idle} idle until a rebalance`,
      `per partition: ${counts(column.perPartition, 'p')}`,
      hotKey === null
        ? 'hot key: n/a'
        : `hot key ${hotKey.userId}: ${percent(hotKey.shareOfRecords)} of records, ${percent(hotKey.shareOfPartition)} of p${hotKey.partition}`,
    ],
  };
}
