/**
 * The Kafka column of the embedded run: on a real broker when one can be had, otherwise the reason
 * (what to install) in place of the figures, so SQS and Kinesis still run. Under CI=true a missing
 * broker is a failure, as in test/factories/kafka-broker-suite.ts; a run that breaks is one anywhere.
 */
import { kafkaAvailability } from './kafka-availability';
import { runKafkaComparison, type KafkaComparisonOptions } from './kafka-comparison-run';
import { isDeployedKafka, isKafkaNotRun, type KafkaColumn, type KafkaComparison, type KafkaNotRun } from '../comparison/kafka-comparison';

/** Runs the Kafka pattern, or says why it cannot. Never throws: the other columns keep their figures. */
export async function runKafkaColumn(options: KafkaComparisonOptions, env: NodeJS.ProcessEnv = process.env): Promise<KafkaComparison | KafkaNotRun> {
  const availability = kafkaAvailability(env);
  if (!availability.available) {
    options.log?.(`kafka: not run: ${availability.reason}`);
    return { notRun: availability.reason, required: env.CI === 'true' };
  }
  try {
    return await runKafkaComparison(options);
  } catch (error) {
    const reason = `the Kafka run failed: ${error instanceof Error ? error.message : String(error)}`;
    options.log?.(`kafka: ${reason}`);
    return { notRun: reason, required: true };
  }
}

/** The notes under the table for the Kafka column: what is played locally, and the broker's start time (a deployed run notes its own). */
export function kafkaNotes(column: KafkaColumn): string[] {
  if (isKafkaNotRun(column)) return [`kafka: not run: ${column.notRun}`];
  if (isDeployedKafka(column)) return [];
  return [
    `kafka: ${column.brokerStartMs === 0 ? 'an existing broker (KAFKA_BOOTSTRAP_SERVERS)' : `a local Apache Kafka broker, started in ${column.brokerStartMs} ms alongside the other patterns`}`,
    'kafka: the MSK event source is played by local/kafka/msk-event-source-runner.ts; sessionizer state is kept in memory (its DynamoDB writes are the Kinesis processor\'s module)',
    'kafka: the analytics members are local processes (Fargate tasks in AWS); the busiest is SIGKILLed while records are still produced',
    `kafka: topics and the sessionizer mapping from the synthesized Kafka stack; ${column.topic.partitions} partitions (${column.topic.partitionsSource === 'flag' ? '--partitions' : 'as the template declares'})`,
    `kafka: ${column.notEmulated.length} template difference(s) not emulated locally (kafka.notEmulated in --json)`,
  ];
}
