/**
 * The email worker's answers to the five questions, its promises and what each of its figures
 * counts, all read from its part of the comparison (EmailComparison). Pure.
 */
import type { EmailComparison } from '../comparison/comparison-result';
import { countsOrNa, figure } from '../comparison/format-counts';
import type { QuestionCells } from '../patterns/five-questions';

/** The email column's cells. */
export function emailCells(email: EmailComparison): QuestionCells {
  return {
    who: ['each job goes to ONE competing worker', `per worker: ${countsOrNa(email.perWorker, '')}`, `delivered ${email.delivered}, duplicates ${figure(email.duplicates)}`],
    ordering: ['standard queue: no order', `adjacent deliveries out of enqueue order: ${figure(email.orderInversions)}`],
    replay: ['a deleted message is gone', `receivable after the run: ${figure(email.receivableAfterRun)}`],
    failure: [
      `malformed: ${email.malformedDeadLettered}/${email.malformed} to the DLQ at once`,
      `failing jobs: ${figure(email.redeliveries)} redeliveries (receive count`,
      `up to ${figure(email.highestReceiveCount)}), then ${figure(email.redrivenAfterMaxReceives)} redriven to the DLQ`,
      `DLQ total ${email.deadLettered}; lost ${figure(email.lost)}`,
    ],
    scaling: [
      'the worker: added while the backlog is high',
      `workers: ${email.workers === null ? 'n/a' : `${email.workers.initial} at start, ${email.workers.peak} at peak`}`,
    ],
  };
}

/** Each broken promise of the email worker; a figure the target could not observe is not checked. */
export function unmetEmailExpectations(email: EmailComparison): string[] {
  const unmet: string[] = [];
  if (email.duplicates !== null && email.duplicates !== 0) unmet.push(`email: ${email.duplicates} duplicate deliveries (expected 0: one worker per job)`);
  if (email.malformedDeadLettered !== email.malformed) {
    unmet.push(`email: ${email.malformedDeadLettered} of ${email.malformed} malformed jobs dead-lettered`);
  }
  if ((email.lost ?? 0) > 0) unmet.push(`email: ${email.lost} job(s) neither delivered nor dead-lettered`);
  if ((email.receivableAfterRun ?? 0) > 0) unmet.push(`email: ${email.receivableAfterRun} message(s) still receivable after the run`);
  return unmet;
}

/** What each figure of the email column counts. */
export const EMAIL_FIGURES: Readonly<Record<string, string>> = {
  'per worker': 'first deliveries of valid jobs, by the worker that sent the mail',
  delivered: 'valid jobs the SMTP sink accepted at least once',
  duplicates: 'deliveries of a job already delivered (0: each job went to exactly one worker)',
  'out of enqueue order': 'adjacent pairs of deliveries, in delivery order, whose jobs were enqueued in the reverse order',
  'receivable after the run': 'messages a receive could still get from the queue once the run ended (a deleted message is gone)',
  malformed: 'malformed jobs found in the DLQ with their reason, of the malformed jobs sent',
  redeliveries: 'receives beyond the first of failing jobs, from the consumers\' "job-retry-scheduled" log events',
  'receive count': 'the highest ApproximateReceiveCount a consumer reported for a failing message',
  redriven: 'valid jobs SQS itself moved to the DLQ after maxReceiveCount receives (redrive policy)',
  'DLQ total': 'every message in the DLQ at the end: malformed jobs plus redriven ones',
  lost: 'jobs neither delivered nor dead-lettered when the run ended',
  workers: 'worker processes running at the start and at the peak of the backlog',
};
