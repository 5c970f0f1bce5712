/**
 * The progress line printed when a clickstream consumer has caught up. It used to print the
 * runner's `recordsCompleted` ("processor caught up (1706 records completed)") next to a table
 * saying "seen by processor 2000": completed counts only records whose batch the runner
 * checkpointed, so the valid records that shared a batch with a poison record (handled by the
 * function, then sent to the on-failure destination with it once retries ran out, as Lambda does)
 * were missing. The line now leads with the table's own figure, and names the rest.
 */
import type { ConsumerObservation } from './clickstream-consumer-observer';
import type { KinesisEventSourceRunnerStats } from './kinesis/kinesis-event-source-runner';

/** `clickstream: processor caught up: seen 2000 valid records (…)`, with the table's "seen" figure. */
export function caughtUpLine(
  consumer: string,
  observation: Pick<ConsumerObservation, 'uniqueEventsSeen' | 'invalidRecordsSeen'>,
  stats: Pick<KinesisEventSourceRunnerStats, 'recordsCompleted' | 'recordsDiscarded'>,
): string {
  const poison = observation.invalidRecordsSeen === 0 ? '' : ` and ${observation.invalidRecordsSeen} poison`;
  const discarded =
    stats.recordsDiscarded === 0 ? '' : `, ${stats.recordsDiscarded} in batches given up on (sent to the on-failure destination, poison included)`;
  return `clickstream: ${consumer} caught up: seen ${observation.uniqueEventsSeen} valid records${poison}; runner checkpointed ${stats.recordsCompleted}${discarded}`;
}
