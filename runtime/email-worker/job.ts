/**
 * The job module both adapters run: parse and validate one message body, then send its email
 * exactly once per jobId (Powertools idempotency over DynamoDB).
 */
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Context } from 'aws-lambda';
import { findEmailJobProblems, type EmailJob } from './email-job';
import { PermanentJobError } from './errors';
import type { Mailer } from './mailer';

/**
 * Parses a message body into an {@link EmailJob}. Malformed JSON, missing or empty fields and an
 * invalid address throw {@link PermanentJobError} carrying the message id and every reason.
 */
export function parseEmailJob(body: string, messageId: string): EmailJob {
  let candidate: unknown;
  try {
    candidate = JSON.parse(body);
  } catch (error) {
    throw new PermanentJobError(messageId, `malformed JSON: ${(error as Error).message}`);
  }
  const problems = findEmailJobProblems(candidate);
  if (problems.length > 0) {
    const jobId = (candidate as { jobId?: unknown } | null)?.jobId;
    throw new PermanentJobError(messageId, problems.join('; '), typeof jobId === 'string' ? jobId : undefined);
  }
  return candidate as EmailJob;
}

/** Prefix of every idempotency key (`email-job#<hash of jobId>`), the same in both consumer modes. */
export const IDEMPOTENCY_KEY_PREFIX = 'email-job';

/** What a sent job leaves in the idempotency store (returned as-is on a redelivery). */
export interface SentJobRecord {
  readonly jobId: string;
  readonly sentAt: string;
}

/** Sends one job at most once; `lease` bounds how long its in-progress marker blocks a retry. */
export type IdempotentJobSender = (job: EmailJob, lease: Context) => Promise<SentJobRecord>;

/** How to build an {@link IdempotentJobSender}. */
export interface IdempotentJobSenderOptions {
  readonly mailer: Mailer;
  /** Where sent jobIds are remembered (DynamoDBPersistenceLayer in AWS and locally). */
  readonly persistenceStore: BasePersistenceLayer;
  /** How long a sent job is remembered, in seconds. */
  readonly ttlSeconds: number;
  /** Called after an email really went out (not on an idempotent replay). @default no-op */
  readonly onSent?: (job: EmailJob) => void;
}

/**
 * Wraps `mailer.send` with Powertools idempotency keyed by `jobId`. Powertools gives the
 * INPROGRESS record an expiry of `lease.getRemainingTimeInMillis()` (it reads the second
 * argument because it has that method); a failed send deletes the record so a retry can send.
 */
export function createIdempotentJobSender(options: IdempotentJobSenderOptions): IdempotentJobSender {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'jobId',
    // A jobId reused for a different email must not be answered with the first one's result:
    // Powertools then raises IdempotencyValidationError (a permanent failure, see message-disposition).
    payloadValidationJmesPath: '[to, subject, body]',
    expiresAfterSeconds: options.ttlSeconds,
    // A job without a jobId never gets here (parseEmailJob rejects it), so fail loudly if it does.
    throwOnNoIdempotencyKey: true,
  });
  const send = async (job: EmailJob, _lease: Context): Promise<SentJobRecord> => {
    await options.mailer.send(job);
    options.onSent?.(job);
    return { jobId: job.jobId, sentAt: new Date().toISOString() };
  };
  // A fixed prefix: by default Powertools prefixes keys with AWS_LAMBDA_FUNCTION_NAME (empty on
  // Fargate), so switching consumer modes or replacing the function would forget every sent job.
  return makeIdempotent(send, { persistenceStore: options.persistenceStore, config, keyPrefix: IDEMPOTENCY_KEY_PREFIX });
}

/**
 * A lease for runtimes without a Lambda context (the Fargate worker). Without one Powertools sets
 * no in-progress expiry, so a worker killed mid-job would block its redelivery until the record's
 * TTL (an hour) and the job would end in the DLQ. Powertools reads only getRemainingTimeInMillis.
 */
export function fixedLease(leaseMs: number): Context {
  const lease: Pick<Context, 'getRemainingTimeInMillis'> = { getRemainingTimeInMillis: () => leaseMs };
  return lease as Context;
}
