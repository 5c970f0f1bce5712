/**
 * The Kafka cells of the comparison table for a run against the deployed Kafka stack: the same five
 * rows, with what a deployed target shows (no SIGKILL, no compaction within a run). Pure.
 */
import type { QuestionCells } from '../patterns/five-questions';
import type { DeployedKafkaComparison } from '../comparison/kafka-comparison';
import { counts, percent } from '../comparison/format-counts';

/** The Kafka column's cells for a deployed stack. */
export function deployedKafkaCells(column: DeployedKafkaComparison): QuestionCells {
  const { groups, hotKey } = column;
  const members = Object.keys(column.perMember).length;
  return {
    who: [
      'EVERY group sees every record; inside a group, ONE member per partition',
      `produced ${column.produced}; seen by sessionizer ${groups.sessionizer.seen}, analytics ${groups.analytics.seen}, replay ${groups['replay-earliest'].seen}`,
      `analytics per member (Fargate task): ${members === 0 ? 'none recorded' : counts(column.perMember, '')}`,
      `duplicates: ${column.analyticsDuplicates} (no member is killed on ${column.deployed.stackName})`,
    ],
    ordering: [`per-key order inversions: ${column.perKeyOrderInversions}`, '(order per partition, not global)'],
    replay: [
      'offsets: a new group from the earliest offset re-reads all',
      `earliest saw ${groups['replay-earliest'].seen}; by timestamp ${column.replayFromTimestamp.seen}/${column.replayFromTimestamp.expected}; same aggregates: ${column.replayAggregatesEqual ? 'yes' : 'NO'}`,
      'compaction: n/a (hourly segments: the cleaner has nothing to do within a run)',
    ],
    failure: [
      'poison: retried by the MSK event source, then',
      `${column.deadLettered}/${column.poisonWritten} on the dead-letter topic (${column.deadLetterTopicRecords} records of this run there)`,
    ],
    scaling: [
      'the partition: at most one member of a group reads it',
      `${column.partitions} partitions (${column.deployed.clusterMode} cluster), ${members} analytics member(s) recorded work`,
      `per partition: ${counts(column.perPartition, 'p')}`,
      hotKey === null ? 'hot key: n/a' : `hot key ${hotKey.userId}: ${percent(hotKey.shareOfRecords)} of records, ${percent(hotKey.shareOfPartition)} of p${hotKey.partition}`,
    ],
  };
}

/** Each broken promise of a deployed run, in words; empty when all held. */
export function unmetDeployedKafkaExpectations(column: DeployedKafkaComparison): string[] {
  const unmet: string[] = [];
  for (const [name, group] of Object.entries(column.groups)) {
    if (group.seen !== column.produced) unmet.push(`kafka: group ${name} saw ${group.seen} of ${column.produced} events`);
  }
  const { seen, expected } = column.replayFromTimestamp;
  if (seen !== expected) unmet.push(`kafka: the by-timestamp replay saw ${seen} of ${expected} events`);
  if (column.perKeyOrderInversions !== 0) unmet.push(`kafka: ${column.perKeyOrderInversions} per-key order inversions (expected 0)`);
  if (!column.replayAggregatesEqual) unmet.push('kafka: a replay did not reproduce the aggregates');
  if (column.deadLettered !== column.poisonWritten) unmet.push(`kafka: ${column.deadLettered} of ${column.poisonWritten} poison records on the dead-letter topic`);
  return unmet;
}
