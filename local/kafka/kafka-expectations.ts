/**
 * What the Kafka pattern promises, checked against its column: every group saw every record, per-key
 * order held, both replays reproduced the aggregates, every poison record reached the dead-letter
 * topic; where the run killed a member, the SIGKILL lost nothing; where the cleaner ran, compaction
 * left one record per key. A column that was not run breaks a promise only when a broker was
 * required (CI=true) or the run itself failed. Pure.
 */
import { isKafkaNotRun, type KafkaColumn } from '../comparison/kafka-comparison';

/** Each broken promise, in words; empty when all held (or the column was not required). */
export function unmetKafkaExpectations(column: KafkaColumn | undefined): string[] {
  if (column === undefined) return [];
  if (isKafkaNotRun(column)) return column.required ? [`kafka: not run (${column.notRun})`] : [];
  const unmet: string[] = [];
  for (const [name, group] of Object.entries(column.groups)) {
    if (group.seen !== column.produced) unmet.push(`kafka: group ${name} saw ${group.seen} of ${column.produced} events`);
  }
  const { seen, expected } = column.replayFromTimestamp;
  if (seen !== expected) unmet.push(`kafka: the by-timestamp replay saw ${seen} of ${expected} events`);
  if (column.rebalance !== null && column.rebalance.lost !== 0) unmet.push(`kafka: ${column.rebalance.lost} event(s) lost after the SIGKILL (expected 0)`);
  if (column.perKeyOrderInversions !== 0) unmet.push(`kafka: ${column.perKeyOrderInversions} per-key order inversions (expected 0)`);
  if (!column.replayAggregatesEqual) unmet.push('kafka: a replay did not reproduce the aggregates');
  if (column.deadLettered !== column.poisonWritten) unmet.push(`kafka: ${column.deadLettered} of ${column.poisonWritten} poison records on the dead-letter topic`);
  if (column.compaction !== null && column.compaction.recordsAfter !== column.compaction.keys) {
    unmet.push(`kafka: compaction left ${column.compaction.recordsAfter} records for ${column.compaction.keys} keys (expected one per key)`);
  }
  return unmet;
}
