/**
 * The SQS FIFO pattern's answers to the five questions, its promises and what each of its figures
 * counts, all read from its outcome (the FIFO queue, and the standard queue under the same
 * workload as the baseline). Pure.
 */
import type { QuestionCells } from '../../patterns/five-questions';
import type { EmailFifoOutcome } from './fifo-run';

/** The FIFO column's cells; `workers` is how many competed on each queue. */
export function fifoCells({ standard, fifo }: EmailFifoOutcome, workers: number): QuestionCells {
  return {
    who: [`each job goes to ONE of ${workers} competing workers`, `jobs: ${fifo.completed}/${fifo.jobs}`],
    ordering: [
      'per message group (the recipient)',
      `inversions per group: ${fifo.perGroupOrderInversions} (standard queue, same jobs: ${standard.perGroupOrderInversions})`,
    ],
    replay: ['none: deleted on success'],
    failure: [
      `held job failed ${fifo.heldJobFailures}x; ${fifo.othersCompletedWhileHeld} others done meanwhile; ${fifo.heldGroupOvertakes} of its group ran ahead (standard: ${standard.heldGroupOvertakes})`,
      `resent ${fifo.resent}, dropped by SQS ${fifo.deduplicated}, reached the workers ${fifo.duplicateCompletions} (standard: ${standard.duplicateCompletions})`,
    ],
    scaling: ['the message group: one job in flight per group'],
  };
}

/** Each broken promise of the FIFO queue (the standard baseline promises only to finish). */
export function unmetFifoExpectations({ standard, fifo }: EmailFifoOutcome): string[] {
  const unmet: string[] = [];
  for (const run of [standard, fifo]) {
    if (!run.finished) unmet.push(`emailFifo: the ${run.queueType} run hit its deadline (${run.completed}/${run.jobs} jobs)`);
  }
  if (fifo.perGroupOrderInversions !== 0) unmet.push(`emailFifo: FIFO had ${fifo.perGroupOrderInversions} per-group order inversions (expected 0)`);
  if (fifo.deduplicated !== fifo.resent) unmet.push(`emailFifo: FIFO dropped ${fifo.deduplicated} of ${fifo.resent} resends (expected all)`);
  if (fifo.heldGroupOvertakes !== 0) unmet.push(`emailFifo: FIFO let ${fifo.heldGroupOvertakes} job(s) overtake a failing one of their group`);
  return unmet;
}

/** What each figure of the FIFO column counts. */
export const FIFO_FIGURES: Readonly<Record<string, string>> = {
  jobs: 'distinct jobs completed by one of the competing workers, of the distinct jobs sent (each recipient\'s jobs numbered, the recipients interleaved)',
  'inversions per group': 'adjacent completions of one recipient\'s jobs (its message group) in the reverse of their enqueue order, summed over recipients',
  'standard queue, same jobs': 'the same figure for the same jobs, workers and faults on the queue of -c emailQueue=standard (the baseline)',
  'held job failed': 'failed attempts of the held job (recipient 0\'s second), which fails until every other recipient\'s jobs are done',
  'others done meanwhile': 'other recipients\' jobs completed while the held job was failing',
  'ran ahead': 'jobs of the held job\'s own group completed before it (0: its group waited)',
  resent: 'jobIds sent a second time right after the first send (a producer retry)',
  'dropped by SQS': 'resends SQS FIFO deduplication dropped: sends minus completions (SQS answers a dropped send with success)',
  'reached the workers': 'completions of a job already completed once (on the standard queue, the idempotency table\'s job)',
};
