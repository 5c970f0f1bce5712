/**
 * The progress line printed when a clickstream consumer has caught up. It used to print only the
 * runner's `recordsCompleted` ("processor caught up (1706 records completed)") next to a table
 * saying "seen by processor 2000": the table counts distinct valid records handed to the function,
 * while completed counts only records of checkpointed batches, so records of batches given up on
 * (sent to the on-failure destination after the retries, as Lambda does) were missing from it.
 * The line now leads with the table's own figure, then gives the runner's two counts.
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
