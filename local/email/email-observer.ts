/**
 * What the consumers did with a run's jobs, read the way a deployed stack shows it: COMPLETED
 * records in the idempotency table (delivered), this run's messages in the DLQ (dead-lettered, with
 * their reasons), and the handlers' EmailsSent metric. The same reads serve every target.
 */
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { EMAIL_WORKER_METRICS } from '../../runtime/email-worker/metric-names';
import { SQS_LIMITS } from '../../runtime/shared/aws-limits';
import { DeadLetterCollector } from './dead-letter-collector';
import type { EmailJobMix } from './email-job-mix';
import { countEmailRunOutcome, type EmailRunOutcome } from './email-run-outcome';
import type { EmailTargetSession } from './email-target';
import { readCompletedJobs } from './idempotency-records';

/** Reads a run's outcome from one session. */
export class EmailObserver {
  private readonly deadLetters: DeadLetterCollector;
  /** The latest count (before the first `observe()`: nothing accounted for). */
  latest: EmailRunOutcome;

  constructor(
    private readonly session: EmailTargetSession<unknown>,
    private readonly mix: EmailJobMix,
    private readonly runId: string,
  ) {
    this.deadLetters = new DeadLetterCollector({
      sqs: session.sqs,
      deadLetterQueueUrl: session.resources.deadLetterQueueUrl,
      runMarker: `${runId}-`,
      deleteOurs: session.deleteDeadLetters,
      // An emulator answers exactly; a deployed queue is sampled unless the receive long-polls.
      receiveWaitSeconds: session.ownsSourceQueue ? 0 : undefined,
    });
    this.latest = countEmailRunOutcome(mix, new Set(), []);
  }

  /** Reads the table and the DLQ once more and counts. */
  async observe(): Promise<EmailRunOutcome> {
    const { resources } = this.session;
    const completed = await readCompletedJobs(this.session.documents, resources.idempotencyTableName, `${this.runId}-`);
    await this.deadLetters.drain();
    this.latest = countEmailRunOutcome(this.mix, new Set(completed.recordsPerJobId.keys()), this.deadLetters.collected);
    return this.latest;
  }

  /** The EmailsSent sum since `since`, waiting up to `deadlineMs` for it to reach the deliveries. */
  emailsSent(since: Date, deadlineMs: number): Promise<number | null> {
    const query = {
      namespace: EMAIL_WORKER_METRICS.namespace,
      metricName: EMAIL_WORKER_METRICS.emailsSent,
      dimensions: { service: EMAIL_WORKER_METRICS.service },
      since,
    };
    return this.session.metrics.sum(query, this.latest.delivered, deadlineMs);
  }

  /** Messages a fresh receive on the source queue gets (all 10 a call may return); null where the queue is shared. */
  async receivableAfterRun(): Promise<number | null> {
    if (!this.session.ownsSourceQueue) return null;
    const { Messages } = await this.session.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: this.session.resources.queueUrl, MaxNumberOfMessages: SQS_LIMITS.maxBatchEntries, WaitTimeSeconds: 1 }),
    );
    return Messages?.length ?? 0;
  }
}

