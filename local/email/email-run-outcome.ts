/**
 * Counts what happened to every job of a run: delivered (a COMPLETED idempotency record: the worker
 * writes it once the email is accepted, on every target), dead-lettered (by reason), lost. Pure:
 * takes what the idempotency table and the DLQ hold.
 */
import type { DeadLetter } from './dead-letter-collector';
import type { EmailJobMix } from './email-job-mix';

/** The counted result of a run. */
export interface EmailRunOutcome {
  readonly enqueued: number;
  readonly validJobs: number;
  readonly malformedJobs: number;
  /** Valid jobs with a COMPLETED idempotency record. */
  readonly delivered: number;
  /** Messages found in the DLQ. */
  readonly deadLettered: number;
  /** Dead-lettered messages counted by reason category (the text before the first `:`). */
  readonly deadLetterReasons: Readonly<Record<string, number>>;
  /** Reason of each dead-lettered malformed job, by its label. */
  readonly malformedReasons: Readonly<Record<string, string>>;
  /** Valid jobs that ended in the DLQ (should be none). */
  readonly validJobsDeadLettered: readonly string[];
  /** Jobs neither delivered nor dead-lettered. */
  readonly lost: readonly string[];
}

/** `malformed JSON: Unexpected end...` → `malformed JSON`. */
function reasonCategory(reason: string): string {
  return reason.split(':', 1)[0]?.trim() ?? reason;
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Counts the outcome of `mix` from the jobIds with a COMPLETED record and the collected dead letters. */
export function countEmailRunOutcome(mix: EmailJobMix, completedJobIds: ReadonlySet<string>, deadLetters: readonly DeadLetter[]): EmailRunOutcome {
  const labelByBody = new Map(mix.malformedJobs.map((job) => [job.body, job.label]));
  const validJobIds = new Set(mix.validJobs.map((job) => job.jobId));
  const deadLetterReasons: Record<string, number> = {};
  const malformedReasons: Record<string, string> = {};
  const validJobsDeadLettered: string[] = [];
  for (const letter of deadLetters) {
    increment(deadLetterReasons, reasonCategory(letter.reason));
    const label = labelByBody.get(letter.body);
    if (label !== undefined) {
      malformedReasons[label] = letter.reason;
      continue;
    }
    const jobId = (() => {
      try {
        return (JSON.parse(letter.body) as { jobId?: unknown }).jobId;
      } catch {
        return undefined;
      }
    })();
    if (typeof jobId === 'string' && validJobIds.has(jobId)) validJobsDeadLettered.push(jobId);
  }
  let delivered = 0;
  const lost: string[] = [];
  for (const job of mix.validJobs) {
    if (completedJobIds.has(job.jobId)) delivered += 1;
    else if (!validJobsDeadLettered.includes(job.jobId)) lost.push(job.jobId);
  }
  for (const job of mix.malformedJobs) if (malformedReasons[job.label] === undefined) lost.push(job.label);
  return {
    enqueued: mix.validJobs.length + mix.malformedJobs.length,
    validJobs: mix.validJobs.length,
    malformedJobs: mix.malformedJobs.length,
    delivered,
    deadLettered: deadLetters.length,
    deadLetterReasons,
    malformedReasons,
    validJobsDeadLettered,
    lost,
  };
}

/** Every job is delivered or dead-lettered. */
export function isEveryJobAccountedFor(outcome: EmailRunOutcome): boolean {
  return outcome.lost.length === 0;
}
