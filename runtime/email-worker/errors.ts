/** Named errors of the email worker. Each carries the context needed to act on it. */
import { ConfigurationError } from '../shared/errors';

/**
 * A message that can never succeed (malformed JSON, missing fields, invalid address). It goes to
 * the dead-letter queue at once instead of being retried until maxReceiveCount. Plain `Error`: it
 * drives that disposition and never ends a process.
 */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
  constructor(
    /** SQS message id of the offending message. */
    readonly messageId: string,
    /** Why it can never succeed; stored on the dead-lettered message. */
    readonly reason: string,
    /** The job id, when the body was parseable enough to have one. */
    readonly jobId?: string,
  ) {
    super(`message ${messageId}${jobId === undefined ? '' : ` (job ${jobId})`} is permanently invalid: ${reason}`);
  }
}

/** The environment does not describe a usable worker; lists every problem at once. */
export class EmailWorkerSettingsError extends ConfigurationError {
  // A literal, not the class name: the bundles are minified.
  override readonly name = 'EmailWorkerSettingsError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid email worker settings:\n  - ${problems.join('\n  - ')}`);
  }
}

/** One job `enqueueEmails` refused, and why. */
export interface RejectedEmailJob {
  /** Position in the input array. */
  readonly index: number;
  /** The job's id when it has a usable one. */
  readonly jobId: string | undefined;
  readonly problems: readonly string[];
}

/** `enqueueEmails` was given invalid jobs; nothing was sent. The caller's input is wrong: exit 2. */
export class InvalidEmailJobsError extends ConfigurationError {
  // A literal, not the class name: the bundles are minified.
  override readonly name = 'InvalidEmailJobsError';
  constructor(readonly rejected: readonly RejectedEmailJob[]) {
    super(
      `${rejected.length} invalid email job(s), nothing was sent:\n` +
        rejected
          .map((job) => `  - job #${job.index}${job.jobId === undefined ? '' : ` (${job.jobId})`}: ${job.problems.join('; ')}`)
          .join('\n'),
    );
  }
}
