/**
 * The typed producer: validates every job first, including every character against the set SQS
 * accepts (nothing is sent if any is invalid: SQS would refuse that entry alone), then sends
 * them with SendMessageBatch, packed by count (10) and by size (1 MiB per call), retries the
 * entries SQS failed on its side, and returns the ones it could not enqueue.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { sqsClient } from '../shared/aws-clients';
import { SQS_LIMITS } from '../shared/aws-limits';
import { fullJitterDelayMs, type BackoffSettings } from '../shared/backoff';
import { isFifoQueueUrl } from '../shared/sqs-poller/fifo-queue';
import { DEAD_LETTER_ATTRIBUTE_BYTES } from './dead-letter-attributes';
import { findEmailJobProblems, type EmailJob } from './email-job';
import { messageDeduplicationIdFor, messageGroupIdFor } from './fifo-message-group';
import { InvalidEmailJobsError, type RejectedEmailJob } from './errors';

/** How {@link enqueueEmails} sends. */
export interface EnqueueEmailsOptions {
  readonly queueUrl: string;
  /** @default the shared client from runtime/shared/aws-clients */
  readonly sqs?: SQSClient;
  /** The queue's maximum message size in bytes (its MaximumMessageSize). @default 1048576 (the SQS maximum, 1 MiB) */
  readonly maxMessageBytes?: number;
  /** Sends per entry, the first included, before a retryable failure is reported. @default 3 */
  readonly maxAttempts?: number;
  /** Backoff between attempts (full jitter, runtime/shared/backoff.ts). @default { baseDelayMs: 200, maxDelayMs: 2000 } */
  readonly retryBackoff?: BackoffSettings;
  /**
   * Send as to a FIFO queue: each message gets `MessageGroupId` (tenant, else recipient) and
   * `MessageDeduplicationId` (jobId); see fifo-message-group.ts.
   * @default true when the queue URL ends in `.fifo`
   */
  readonly fifo?: boolean;
}

/** One job SQS did not accept. */
export interface EnqueueFailure {
  readonly jobId: string;
  /** SQS error code (e.g. `InternalError`, `ThrottlingException`) or the SDK error name. */
  readonly code: string;
  readonly message: string;
  /** True when the request itself was at fault (retrying unchanged will not help). */
  readonly senderFault: boolean;
}

export interface EnqueueEmailsResult {
  /** Jobs SQS accepted. */
  readonly enqueued: number;
  /** Jobs it did not, after the retries. */
  readonly failures: readonly EnqueueFailure[];
}

const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_RETRY_BACKOFF: BackoffSettings = { baseDelayMs: 200, maxDelayMs: 2_000 };

interface PreparedEntry {
  readonly id: string;
  readonly jobId: string;
  readonly body: string;
  readonly bytes: number;
  /** FIFO only: `MessageGroupId` and `MessageDeduplicationId`. */
  readonly fifo?: { readonly MessageGroupId: string; readonly MessageDeduplicationId: string };
}

/**
 * Largest body the producer accepts for a queue whose MaximumMessageSize is `maxMessageBytes` (SQS:
 * at most 1 MiB, 1,048,576 bytes, attributes included): the room a DLQ copy's attributes take is
 * left free, so a job that fits the queue also fits the dead-letter queue when it fails.
 */
export function maxJobBodyBytes(maxMessageBytes: number): number {
  return maxMessageBytes - DEAD_LETTER_ATTRIBUTE_BYTES;
}

/**
 * Lists every invalid job (fields, characters SQS refuses, address, size, duplicate jobId); empty
 * when all are fine. `maxMessageBytes` is the queue's MaximumMessageSize; see {@link maxJobBodyBytes}.
 */
export function findInvalidEmailJobs(jobs: readonly unknown[], maxMessageBytes: number): RejectedEmailJob[] {
  const maxBodyBytes = maxJobBodyBytes(maxMessageBytes);
  const rejected: RejectedEmailJob[] = [];
  const firstIndexOfJobId = new Map<string, number>();
  jobs.forEach((job, index) => {
    const problems = findEmailJobProblems(job);
    const jobId = (job as { jobId?: unknown } | null)?.jobId;
    const usableJobId = typeof jobId === 'string' ? jobId : undefined;
    if (problems.length === 0) {
      const bytes = Buffer.byteLength(JSON.stringify(job), 'utf8');
      if (bytes > maxBodyBytes) {
        problems.push(
          `serialized job is ${bytes} bytes, over the ${maxBodyBytes} bytes allowed: the queue's maximum message size ` +
            `of ${maxMessageBytes} bytes minus ${DEAD_LETTER_ATTRIBUTE_BYTES} bytes kept for the attributes of a dead-letter copy`,
        );
      }
    }
    if (usableJobId !== undefined) {
      const first = firstIndexOfJobId.get(usableJobId);
      // The consumer sends one email per jobId: a second job with the same id would vanish silently.
      if (first !== undefined) problems.push(`jobId duplicates job #${first}`);
      else firstIndexOfJobId.set(usableJobId, index);
    }
    if (problems.length > 0) rejected.push({ index, jobId: usableJobId, problems });
  });
  return rejected;
}

/** Groups entries into batch calls of at most 10 entries and at most 1 MiB of bodies. */
export function packBatches<T extends { readonly bytes: number }>(entries: readonly T[], maxBatchBytes: number = SQS_LIMITS.maxMessageBytes): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let currentBytes = 0;
  for (const entry of entries) {
    if (current.length === SQS_LIMITS.maxBatchEntries || (current.length > 0 && currentBytes + entry.bytes > maxBatchBytes)) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(entry);
    currentBytes += entry.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Enqueues email jobs. Throws {@link InvalidEmailJobsError} (listing each bad job and why) before
 * sending anything if any job is invalid. Otherwise never throws for SQS failures: they come back
 * in `failures`, retryable ones after `maxAttempts` tries.
 */
export async function enqueueEmails(jobs: readonly EmailJob[], options: EnqueueEmailsOptions): Promise<EnqueueEmailsResult> {
  const maxMessageBytes = options.maxMessageBytes ?? SQS_LIMITS.maxMessageBytes;
  const rejected = findInvalidEmailJobs(jobs, maxMessageBytes);
  if (rejected.length > 0) throw new InvalidEmailJobsError(rejected);

  const sqs = options.sqs ?? sqsClient();
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const fifo = options.fifo ?? isFifoQueueUrl(options.queueUrl);
  let pending: PreparedEntry[] = jobs.map((job, index) => {
    const body = JSON.stringify(job);
    const fifoIds = fifo ? { MessageGroupId: messageGroupIdFor(job), MessageDeduplicationId: messageDeduplicationIdFor(job) } : undefined;
    return { id: String(index), jobId: job.jobId, body, bytes: Buffer.byteLength(body, 'utf8'), fifo: fifoIds };
  });
  const finalFailures: EnqueueFailure[] = [];
  let enqueued = 0;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > 1) await sleep(fullJitterDelayMs(attempt - 1, options.retryBackoff ?? DEFAULT_RETRY_BACKOFF));
    const retryable: PreparedEntry[] = [];
    for (const batch of packBatches(pending)) {
      const outcome = await sendBatch(sqs, options.queueUrl, batch);
      enqueued += outcome.succeeded;
      for (const failure of outcome.failures) {
        if (!failure.senderFault && attempt < maxAttempts) retryable.push(failure.entry);
        else finalFailures.push(failure.report);
      }
    }
    pending = retryable;
  }
  return { enqueued, failures: finalFailures };
}

interface BatchOutcome {
  readonly succeeded: number;
  readonly failures: ReadonlyArray<{ readonly entry: PreparedEntry; readonly senderFault: boolean; readonly report: EnqueueFailure }>;
}

async function sendBatch(sqs: SQSClient, queueUrl: string, batch: readonly PreparedEntry[]): Promise<BatchOutcome> {
  try {
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((entry) => ({ Id: entry.id, MessageBody: entry.body, ...entry.fifo })),
      }),
    );
    const byId = new Map(batch.map((entry) => [entry.id, entry]));
    const failures = (result.Failed ?? []).flatMap((failed) => {
      const entry = failed.Id === undefined ? undefined : byId.get(failed.Id);
      if (entry === undefined) return [];
      const senderFault = failed.SenderFault ?? false;
      const report = { jobId: entry.jobId, code: failed.Code ?? 'Unknown', message: failed.Message ?? '', senderFault };
      return [{ entry, senderFault, report }];
    });
    return { succeeded: result.Successful?.length ?? 0, failures };
  } catch (error) {
    // The whole call failed after the SDK's own retries: every entry failed the same way.
    const { name, message, $fault } = error as Error & { $fault?: 'client' | 'server' };
    const senderFault = $fault === 'client';
    return {
      succeeded: 0,
      failures: batch.map((entry) => ({ entry, senderFault, report: { jobId: entry.jobId, code: name, message, senderFault } })),
    };
  }
}
