/**
 * The progress line printed when a clickstream consumer has caught up. It leads with the table's
 * "seen" (distinct valid records handed to the function), then the runner's counts: checkpointed
 * records leave out those of batches given up on (sent to the on-failure destination, as Lambda does).
 */
import type { ConsumerObservation } from './consumer-observer';
import type { KinesisEventSourceRunnerStats } from './kinesis-event-source/kinesis-event-source-runner';

/** `clickstream: processor caught up: seen 2000 valid records (…)`, with the table's "seen" figure. */
export function caughtUpLine(
  consumer: string,
  observation: Pick<ConsumerObservation, 'uniqueEventsSeen' | 'invalidRecordsSeen'>,
  stats: Pick<KinesisEventSourceRunnerStats, 'recordsCompleted' | 'recordsDiscarded'>,
): string {
  const poison = observation.invalidRecordsSeen === 0 ? '' : ` and ${observation.invalidRecordsSeen} poison deliveries`;
  const discarded =
    stats.recordsDiscarded === 0 ? '' : `, ${stats.recordsDiscarded} in batches given up on (sent to the on-failure destination, poison included)`;
  return `clickstream: ${consumer} caught up: seen ${observation.uniqueEventsSeen} valid records${poison}; runner checkpointed ${stats.recordsCompleted}${discarded}`;
}
