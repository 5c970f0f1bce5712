/**
 * The jobs a local run enqueues: valid ones, malformed ones (sent raw, since `enqueueEmails`
 * rightly refuses them) and ones whose recipient the SMTP sink rejects transiently at first.
 */
import type { EmailJob } from '../../runtime/email-worker/email-job';

/** Recipients the sink rejects with 451 on their first attempts (see SmtpSinkOptions). */
export const TRANSIENT_RECIPIENT_PATTERN = /^transient-\d+@example\.com$/;

/** How many of each kind. */
export interface EmailJobMixOptions {
  readonly jobs: number;
  /** Share of malformed jobs, 0..1. */
  readonly malformedRatio: number;
  /** Share of jobs whose recipient fails transiently first, 0..1. */
  readonly transientRatio: number;
  /** Makes jobIds unique across runs sharing an idempotency table. */
  readonly runId: string;
}

/** One malformed message: its raw body and a label to report it by. */
export interface MalformedJob {
  readonly label: string;
  readonly body: string;
}

/** What a run sends. */
export interface EmailJobMix {
  readonly validJobs: readonly EmailJob[];
  readonly malformedJobs: readonly MalformedJob[];
}

/** The kinds of bad input a web app could drop on the queue; each hits a different validation rule. */
const MALFORMED_BODIES: ReadonlyArray<(label: string) => string> = [
  (label) => `{"jobId":"${label}","to":"someone@example.com","subject":"truncated`,
  (label) => JSON.stringify({ jobId: label, to: 'not-an-address', subject: 'Hello', body: 'Hi' }),
  (label) => JSON.stringify({ jobId: label, to: 'someone@example.com' }),
  (label) => JSON.stringify([label]),
];

/** Builds the mix; kinds are interleaved so every batch holds some of each. */
export function buildEmailJobMix(options: EmailJobMixOptions): EmailJobMix {
  const malformedCount = Math.round(options.jobs * options.malformedRatio);
  const transientCount = Math.round(options.jobs * options.transientRatio);
  const validCount = options.jobs - malformedCount;
  // Spread the transient recipients evenly through the valid jobs.
  const transientStride = transientCount === 0 ? Infinity : Math.max(1, Math.floor(validCount / transientCount));
  const validJobs: EmailJob[] = Array.from({ length: validCount }, (_, index) => {
    const jobId = `${options.runId}-job-${index}`;
    const isTransient = index % transientStride === 0 && index / transientStride < transientCount;
    return {
      jobId,
      to: isTransient ? `transient-${index}@example.com` : `user-${index}@example.com`,
      subject: `Local job ${index}`,
      body: `Hello from job ${jobId}.`,
    };
  });
  const malformedJobs: MalformedJob[] = Array.from({ length: malformedCount }, (_, index) => {
    const label = `${options.runId}-bad-${index}`;
    const makeBody = MALFORMED_BODIES[index % MALFORMED_BODIES.length];
    return { label, body: makeBody(label) };
  });
  return { validJobs, malformedJobs };
}
