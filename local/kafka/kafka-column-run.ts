/**
 * The Kafka column on any target: the figures when the target can run the pattern, otherwise the
 * reason in their place (what to install, the stack to deploy, where to run from), so the other
 * patterns still run. A machine that cannot use the target (an EnvironmentError: brokers it cannot
 * reach, credentials refused) makes exit code 3; a run that breaks otherwise is a failure.
 */
import { EnvironmentError } from '../../runtime/shared/errors';
import { isKafkaNotRun, type KafkaColumn } from '../comparison/kafka-comparison';
import { runKafkaPattern, type KafkaPatternOptions } from './kafka-pattern-run';
import type { KafkaTarget } from './kafka-target';

/** Runs the Kafka pattern on `target`, or says why it cannot. Never throws: the other columns keep their figures. */
export async function runKafkaColumn(target: KafkaTarget, options: KafkaPatternOptions): Promise<KafkaColumn> {
  const log = options.log ?? (() => undefined);
  const unavailable = await target.unavailable();
  if (unavailable !== undefined) {
    log(`kafka: not run: ${unavailable.notRun}`);
    return unavailable;
  }
  try {
    return await runKafkaPattern(target, options);
  } catch (error) {
    if (error instanceof EnvironmentError) {
      log(`kafka: not run: ${error.message}`);
      return { notRun: error.message, required: false, exitCode: error.exitCode };
    }
    const reason = `the Kafka run failed: ${error instanceof Error ? error.message : String(error)}`;
    log(`kafka: ${reason}`);
    return { notRun: reason, required: true };
  }
}

/** How a deployed run observes what a local run sees directly. */
const DEPLOYED_NOTES = [
  'kafka: the sessionizer is observed through its DynamoDB table: seen = events of users whose stored session equals the fold of their events in production order; a user whose session differs counts as a per-key inversion',
  'kafka: analytics = events the Fargate members recorded on the sessions topic; replay groups are started by this run after producing (earliest offset, and by timestamp from a cut halfway)',
];

/** The notes under the table for the Kafka column: what the target played or could not show. */
export function kafkaNotes(column: KafkaColumn): string[] {
  if (isKafkaNotRun(column)) return [`kafka: not run: ${column.notRun}`];
  const notes =
    column.deployed === undefined
      ? [
          `kafka: ${column.brokerStartMs === 0 ? 'an existing broker (KAFKA_BOOTSTRAP_SERVERS)' : `a local Apache Kafka broker, started in ${column.brokerStartMs} ms alongside the other patterns`}`,
          'kafka: the MSK event source is played by local/kafka/msk-event-source-runner.ts; sessionizer state is kept in memory (its DynamoDB writes are the Kinesis processor\'s module)',
          'kafka: the analytics members are local processes (Fargate tasks in AWS); the busiest is SIGKILLed while records are still produced',
          `kafka: topics and the sessionizer mapping from the synthesized Kafka stack; ${column.topic.partitions} partitions (${column.topic.partitionsSource === 'flag' ? '--partitions' : 'as the template declares'})`,
          `kafka: ${column.notEmulated.length} template difference(s) not emulated locally (kafka.notEmulated in --json)`,
        ]
      : [...DEPLOYED_NOTES];
  if (column.rebalance === null) notes.push('kafka: rebalance null: this run controls no analytics member here (Fargate tasks); stop a task by hand to watch a rebalance');
  if (column.compaction === null) notes.push('kafka: compaction null: the deployed sessions topic rolls segments hourly, so the cleaner has nothing to compact within a run');
  if (column.crossPartitionInterleavings === null) notes.push('kafka: crossPartitionInterleavings, failedInvocations and recordsAfterPoisonOnItsPartition need what the local MSK event source handed the sessionizer: null on a deployed target');
  if (!column.settled) notes.push('kafka: the sessionizer, the analytics members or the dead-letter topic had not caught up before the deadline');
  return notes;
}
