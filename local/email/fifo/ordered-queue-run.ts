/**
 * One queue type of the email worker (SQS standard or FIFO) under the same workload, on any FIFO
 * target: ordered jobs for a few recipients, some of them sent twice, consumed by several
 * competing workers the target plays, optionally with one job that keeps failing until every other
 * recipient is done. Counts what the workers saw: order per recipient, duplicates, and whether the
 * failing job held back anything but its own recipient. The pattern's run and the integration
 * tests share it.
 */
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { setTimeout as sleep } from 'node:timers/promises';
import { enqueueEmails } from '../../../runtime/email-worker/enqueue-emails';
import type { FifoSession } from './fifo-target';
import { OrderedCompletions, orderedJobs, orderOf } from './ordered-job-workload';

/** Recipients of a run: message groups on FIFO. */
export const DEFAULT_RECIPIENTS = 8;
/** Jobs per recipient: enough that competing workers reorder a standard queue's jobs. */
export const DEFAULT_JOBS_PER_RECIPIENT = 15;

/** What to run. */
export interface OrderedQueueRunOptions {
  /** Prefix of every jobId, so runs on one queue stay apart. */
  readonly runId: string;
  /** Recipients (message groups on FIFO). @default DEFAULT_RECIPIENTS */
  readonly recipients?: number;
  /** Jobs per recipient, in order. @default DEFAULT_JOBS_PER_RECIPIENT */
  readonly jobsPerRecipient?: number;
  /** Jobs sent a second time right after the first send (a producer retrying). @default 10 */
  readonly resends?: number;
  /** Competing workers. @default 3 */
  readonly workers?: number;
  /** Jobs each worker runs at once. @default 4 */
  readonly concurrencyPerWorker?: number;
  /** Recipient 0's second job fails until every other recipient's jobs are done. @default false */
  readonly holdOneJob?: boolean;
  /** Give up after this long. @default 60000 */
  readonly deadlineMs?: number;
}

/** What the workers saw. */
export interface OrderedQueueRunResult {
  readonly queueType: 'standard' | 'fifo';
  /** Distinct jobs enqueued. */
  readonly jobs: number;
  /** Extra sends of already-enqueued jobs. */
  readonly resent: number;
  /** Sends SQS dropped as duplicates (it still answers them with success). */
  readonly deduplicated: number;
  /** Distinct jobs the consumers completed. */
  readonly completed: number;
  /** Completions of a job already completed once (the idempotency store's work in the real worker). */
  readonly duplicateCompletions: number;
  /** Adjacent completions of one recipient in the reverse of enqueue order, summed over recipients. */
  readonly perGroupOrderInversions: number;
  /** Failed attempts of the held job (0 without `holdOneJob`). */
  readonly heldJobFailures: number;
  /** Other recipients' completions while the held job was failing. */
  readonly othersCompletedWhileHeld: number;
  /** Recipient 0's later jobs completed before its held job: 0 when its group waited. */
  readonly heldGroupOvertakes: number;
  /** True when every job was completed before the deadline. */
  readonly finished: boolean;
}

const HELD_RECIPIENT = 0;
const HELD_POSITION = 1;
/** A few ms of simulated work, random, so competing jobs really race. */
const MAX_WORK_MS = 3;

/** Sends the jobs (and the resends) with the real producer, lets the target's workers run them, and counts. */
export async function runOrderedQueue(session: FifoSession, options: OrderedQueueRunOptions): Promise<OrderedQueueRunResult> {
  const recipients = options.recipients ?? DEFAULT_RECIPIENTS;
  const perRecipient = options.jobsPerRecipient ?? DEFAULT_JOBS_PER_RECIPIENT;
  const jobs = orderedJobs(options.runId, recipients, perRecipient);
  const resent = Math.min(options.resends ?? 10, jobs.length);
  const { sqs, queueUrl } = session;
  await enqueueEmails(jobs, { sqs, queueUrl });
  await enqueueEmails(jobs.slice(0, resent), { sqs, queueUrl });

  const consumer = new OrderedJobConsumer((recipients - 1) * perRecipient, options.holdOneJob === true);
  const workers = session.startWorkers({
    workers: options.workers ?? 3,
    concurrencyPerWorker: options.concurrencyPerWorker ?? 4,
    process: (body) => consumer.process(body),
  });
  const deadline = Date.now() + (options.deadlineMs ?? 60_000);
  const finished = await waitUntilEveryJobDone(session, jobs.length, consumer.completions, deadline).finally(() => workers.stop());
  const { completions } = consumer;
  const consumed = completions.distinct + completions.duplicates;
  return {
    queueType: session.queueType,
    jobs: jobs.length,
    resent,
    deduplicated: jobs.length + resent - consumed,
    completed: completions.distinct,
    duplicateCompletions: completions.duplicates,
    perGroupOrderInversions: completions.perGroupOrderInversions,
    heldJobFailures: consumer.heldJobFailures,
    othersCompletedWhileHeld: consumer.othersCompletedWhileHeld,
    heldGroupOvertakes: consumer.heldGroupOvertakes,
    finished,
  };
}

/** The workers' shared job: record each completion, and (with a held job) fail it until the others are done. */
class OrderedJobConsumer {
  readonly completions = new OrderedCompletions();
  heldJobFailures = 0;
  othersCompletedWhileHeld = 0;
  heldGroupOvertakes = 0;
  private othersDone = 0;
  private heldDone = false;

  constructor(
    private readonly otherJobs: number,
    private readonly holdOneJob: boolean,
  ) {}

  async process(body: string): Promise<void> {
    const { jobId } = JSON.parse(body) as { jobId: string };
    const order = orderOf(jobId);
    await sleep(Math.random() * MAX_WORK_MS);
    if (order !== undefined && this.holdOneJob && order.recipient === HELD_RECIPIENT) {
      if (order.position === HELD_POSITION && this.othersDone < this.otherJobs) {
        this.heldJobFailures += 1;
        throw new Error(`held job ${jobId} fails until the other recipients are done`);
      }
      if (order.position === HELD_POSITION) this.heldDone = true;
      else if (order.position > HELD_POSITION && !this.heldDone) this.heldGroupOvertakes += 1;
    }
    if (order !== undefined && order.recipient !== HELD_RECIPIENT) {
      this.othersDone += 1;
      if (this.heldJobFailures > 0 && !this.heldDone) this.othersCompletedWhileHeld += 1;
    }
    this.completions.record(jobId);
  }
}

/** True once every job completed and the queue is empty, false at the deadline. */
async function waitUntilEveryJobDone(session: FifoSession, jobs: number, completions: OrderedCompletions, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    if (completions.distinct >= jobs && (await messagesLeft(session.sqs, session.queueUrl)) === 0) return true;
    await sleep(100);
  }
  return false;
}

const COUNT_ATTRIBUTES = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] as const;

async function messagesLeft(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: [...COUNT_ATTRIBUTES] }));
  return COUNT_ATTRIBUTES.reduce((sum, name) => sum + Number(Attributes?.[name] ?? 0), 0);
}
