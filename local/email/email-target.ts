/**
 * What the email run needs from a target: the clients and resources (a provisioned local stack or
 * the deployed one), the compute that plays the consumers, and where outcomes are read. The
 * embedded target adds a mailbox (the SMTP sink) and process control; a deployed target has
 * neither, and the figures only they can give are null there.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EmailConsumerMode } from '../../runtime/email-worker/email-worker-choices';
import type { MetricSource } from '../target/metric-source';
import type { ConsumerExit } from './consumer-processes';
import type { RetryObservation } from './retry-log-counter';

/** What the run asks of a target before any traffic. */
export interface EmailTargetPlan {
  readonly consumers: EmailConsumerMode;
  /** CDK context of the synthesized stack (a local target only). */
  readonly context: Readonly<Record<string, unknown>>;
  /** Attempts the local SMTP sink refuses per transient recipient. */
  readonly transientAttempts: number;
  /** The local sink holds each DATA reply this long. */
  readonly smtpDataResponseDelayMs: number;
  readonly log: (line: string) => void;
}

/** The queues and table the run reads. */
export interface EmailResources {
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  readonly idempotencyTableName: string;
}

/** The consumers, as far as the run controls them. */
export interface EmailCompute {
  /** Most workers the run may start; 0 when the platform runs and scales them. */
  readonly maxWorkers: number;
  /** Starts one more worker (no-op beyond `maxWorkers`). */
  startWorker(): void;
  /** Workers started so far. */
  workers(): number;
  /** Transient failures the consumers logged, or null when their logs are not read. */
  retries(): RetryObservation | null;
  /** How each worker ended, by id. */
  exits(): Readonly<Record<string, ConsumerExit>>;
  /** Output tails of every worker, for a run that missed its deadline. */
  outputTails(): string[];
  stop(): Promise<void>;
}

/** The receiving end of the mail, where the target has one. */
export interface Mailbox {
  /** Accepted messages so far (duplicates included). */
  received(): number;
  /** Accepted copies per jobId. */
  copiesPerJob(): ReadonlyMap<string, number>;
  /** Accepted messages per worker login. */
  perWorker(): Readonly<Record<string, number>>;
  /** Adjacent first deliveries reversed against enqueue order. */
  orderInversions(): number;
}

/** One pattern on one target, ready for traffic. */
export interface EmailTargetSession<Faults> {
  /** Prefix of the run's log lines (the consumer mode locally, the stack remotely). */
  readonly label: string;
  readonly sqs: SQSClient;
  readonly documents: DynamoDBDocumentClient;
  readonly resources: EmailResources;
  /** Recipient of every valid job; undefined keeps the mix's (the local sink plays refusing recipients). */
  readonly recipient: string | undefined;
  readonly metrics: MetricSource;
  /** @default undefined: no receiving end to read (SES) */
  readonly mailbox: Mailbox | undefined;
  /**
   * The run may receive from the source queue after the run to show nothing is left; a deployed
   * queue may hold other traffic, and a receive there would hide it.
   */
  readonly ownsSourceQueue: boolean;
  /** Delete this run's DLQ messages once counted (else release them for a look). */
  readonly deleteDeadLetters: boolean;
  /** What differs from AWS, and what is not emulated. */
  readonly environmentReport: readonly string[];
  /** Starts the compute; called once the jobs are enqueued. */
  startCompute(initialWorkers: number, maxWorkers: number): EmailCompute;
  /** The handle fault injection gets (after `startCompute`). */
  faults(waitForDeliveries: (count: number) => Promise<void>): Faults;
  close(): Promise<void>;
}

/** A target of the email pattern. */
export interface EmailTarget<Faults> {
  open(plan: EmailTargetPlan): Promise<EmailTargetSession<Faults>>;
}
