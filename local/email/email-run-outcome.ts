/**
 * Counts what happened to every job of a run: delivered (acknowledged by the SMTP sink),
 * duplicates, dead-lettered (by reason), lost. Pure: takes what the sink and the DLQ hold.
 */
import type { CapturedMail } from '../emulators/smtp-sink';
import type { DeadLetter } from './dead-letter-collector';
import type { EmailJobMix } from './email-job-mix';

/** The counted result of a run. */
export interface EmailRunOutcome {
  readonly enqueued: number;
  readonly validJobs: number;
  readonly malformedJobs: number;
  /** Valid jobs acknowledged at least once by the sink. */
  readonly delivered: number;
  /** Extra acknowledged copies of valid jobs (0 is exactly-once). */
  readonly duplicates: number;
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
  /** Acknowledged messages per SMTP login (worker id). */
  readonly perWorker: Readonly<Record<string, number>>;
}

/** `malformed JSON: Unexpected end...` → `malformed JSON`. */
function reasonCategory(reason: string): string {
  return reason.split(':', 1)[0]?.trim() ?? reason;
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Counts the outcome of `mix` from the sink's messages and the collected dead letters. */
export function countEmailRunOutcome(mix: EmailJobMix, mails: readonly CapturedMail[], deadLetters: readonly DeadLetter[]): EmailRunOutcome {
  const copies = new Map<string, number>();
  const perWorker: Record<string, number> = {};
  for (const mail of mails) {
    if (mail.jobId !== undefined) copies.set(mail.jobId, (copies.get(mail.jobId) ?? 0) + 1);
    increment(perWorker, mail.clientUser ?? 'anonymous');
  }
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
  let duplicates = 0;
  const lost: string[] = [];
  for (const job of mix.validJobs) {
    const count = copies.get(job.jobId) ?? 0;
    if (count > 0) delivered += 1;
    duplicates += Math.max(0, count - 1);
    if (count === 0 && !validJobsDeadLettered.includes(job.jobId)) lost.push(job.jobId);
  }
  for (const job of mix.malformedJobs) if (malformedReasons[job.label] === undefined) lost.push(job.label);
  return {
    enqueued: mix.validJobs.length + mix.malformedJobs.length,
    validJobs: mix.validJobs.length,
    malformedJobs: mix.malformedJobs.length,
    delivered,
    duplicates,
    deadLettered: deadLetters.length,
    deadLetterReasons,
    malformedReasons,
    validJobsDeadLettered,
    lost,
    perWorker,
  };
}

/** Every job is delivered or dead-lettered. */
export function isEveryJobAccountedFor(outcome: EmailRunOutcome): boolean {
  return outcome.lost.length === 0;
}
