/** The email half of the comparison, from an embedded email run. Pure. */
import type { EmailRunResult } from './email-run';
import { REDRIVEN_AFTER_MAX_RECEIVES } from './dead-letter-collector';
import type { EmailComparison } from '../comparison/comparison-result';

export function emailComparisonOf(result: EmailRunResult): EmailComparison {
  return {
    enqueued: result.enqueued,
    malformed: result.malformedJobs,
    delivered: result.delivered,
    duplicates: result.duplicates,
    deadLettered: result.deadLettered,
    malformedDeadLettered: Object.keys(result.malformedReasons).length,
    perWorker: result.perWorker,
    orderInversions: result.deliveryOrderInversions,
    redeliveries: result.retries.redeliveries,
    receivableAfterRun: result.receivableAfterRun,
    workers: { initial: result.workerScaling.initial, peak: result.workerScaling.peak },
    redrivenAfterMaxReceives: result.deadLetterReasons[REDRIVEN_AFTER_MAX_RECEIVES] ?? 0,
    highestReceiveCount: result.retries.highestReceiveCount,
    lost: result.lost.length,
  };
}
