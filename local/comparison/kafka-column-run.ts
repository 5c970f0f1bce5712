/**
 * The Kafka column of the embedded run: on a real broker when one can be had, otherwise the reason
 * (what to install) in place of the figures, so SQS and Kinesis still run. Under CI=true a missing
 * broker is a failure, as in test/factories/kafka-broker-suite.ts; a run that breaks is one anywhere.
 */
import { kafkaAvailability } from '../kafka/kafka-availability';
import { runKafkaComparison, type KafkaComparisonOptions } from '../kafka/kafka-comparison-run';
import type { KafkaColumn } from './kafka-comparison';

/** Runs the Kafka pattern, or says why it cannot. Never throws: the other columns keep their figures. */
export async function runKafkaColumn(options: KafkaComparisonOptions, env: NodeJS.ProcessEnv = process.env): Promise<KafkaColumn> {
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
