/**
 * EmailWorker: the "job offload" pattern as one construct. A web app enqueues email jobs; an
 * encrypted SQS queue with a DLQ buffers them; autoscaled consumers (Fargate or Lambda) send them
 * through SES exactly once per job (idempotency table); alarms and a dashboard watch it all.
 * Works with no props at all; EmailWorkerStack wraps it for the app in bin/.
 */
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EmailConsumerMode, EmailQueueType } from '../common/app-context';
import { AlarmTopic } from '../common/alarm-topic';
import { EncryptedQueue } from '../common/encrypted-queue';
import { SignupFanout } from '../fanout/signup-fanout';
import { EmailFargateConsumer, type EmailFargateConsumerTuning } from './email-fargate-consumer';
import { EmailIdempotencyTable, type EmailIdempotencyTableProps } from './email-idempotency-table';
import { EmailLambdaConsumer, type EmailLambdaConsumerTuning } from './email-lambda-consumer';
import { restrictQueueToProducers } from './email-queue-producers';
import { EmailSenderIdentity } from './email-sender-identity';
import { emailWorkerEnvironment } from './email-worker-environment';
import { EmailWorkerMonitoring } from './email-worker-monitoring';
import { acknowledgeEmailConsumerNagFindings } from './email-worker-nag-suppressions';
import { validateEmailWorkerProps } from './email-worker-validation';

/** Props of {@link EmailWorker}. Every prop is optional. */
export interface EmailWorkerProps {
  /**
   * Which runtime consumes the queue.
   * @default 'fargate'
   */
  readonly consumers?: EmailConsumerMode;
  /**
   * The jobs queue's type. `fifo`: emails to one recipient (or one tenant, when the job names a
   * `tenantId`) go out in the order they were enqueued, and SQS drops a resend of a jobId within
   * 5 minutes; the consumers keep that order (one job per group at a time). `standard`: best-effort
   * order, nearly unlimited throughput; the idempotency table alone stops duplicates.
   * Standard queues do not use SQS fair queues (MessageGroupId on a standard queue) here: see README
   * "Fair queues". FIFO is not a fair queue either: one busy group holds back only itself.
   * Excludes `existingQueue`.
   * @default 'standard'
   */
  readonly queueType?: EmailQueueType;
  /**
   * Use your own jobs queue instead of creating one (with `existingDeadLetterQueue`, its DLQ). It
   * must be a `Queue` defined in this app with a redrive policy: its visibility timeout, retention
   * and maxReceiveCount are read from it, and its visibility timeout must be at least 6 × the
   * function timeout (lambda) or 2 × jobTimeout (fargate). An imported queue, or settings given as
   * tokens, are refused: those values cannot be read at synth. Not checked: that the redrive policy
   * names `existingDeadLetterQueue` (both ARNs are tokens). Excludes `queueType`, `maxReceiveCount`
   * and `encryptionKey` (configure your queue itself).
   * @default a new encrypted queue with a DLQ, sized from jobTimeout
   */
  readonly existingQueue?: IQueue;
  /**
   * The dead-letter queue of `existingQueue` (given together with it).
   * @default a new dead-letter queue
   */
  readonly existingDeadLetterQueue?: IQueue;
  /**
   * Use your own idempotency table: partition key `id` (string), TTL attribute `expiration`
   * (Powertools idempotency's schema; not checkable at synth). Excludes `idempotencyTableProps`.
   * @default a new on-demand table with TTL and point-in-time recovery
   */
  readonly existingIdempotencyTable?: ITable;
  /**
   * Settings of the idempotency table created for you. Excludes `existingIdempotencyTable`.
   * @default EmailIdempotencyTable's defaults (removalPolicy DESTROY)
   */
  readonly idempotencyTableProps?: Omit<EmailIdempotencyTableProps, 'existingTable'>;
  /**
   * Add the SNS→SQS fan-out of user signups: a topic delivering welcome-email jobs to this worker's
   * queue and every signup to an analytics queue (see lib/fanout/signup-fanout.ts). It lives here
   * because it must add its statement to the email queue's policy, which this construct owns
   * (a second AWS::SQS::QueuePolicy on the same queue from another stack would replace it).
   * Needs a standard queue.
   * @default false
   */
  readonly signupFanout?: boolean;
  /**
   * Sender address; its address or domain must be a verified SES identity.
   * @default none: synth works, deploy is refused with "emailFrom is missing: ..."
   */
  readonly emailFrom?: string;
  /**
   * Upper bound for one job, in whole seconds. Every other timeout (visibility, function,
   * stopTimeout) derives from it.
   * @default 30 seconds (an SES API call takes well under a second; this leaves room for throttling)
   */
  readonly jobTimeout?: Duration;
  /**
   * First retry delay after a transient failure, in whole seconds; doubles per receive (set with
   * ChangeMessageVisibility, so independent of the visibility timeout), capped at 15 minutes
   * (MAX_RETRY_DELAY_SECONDS in lambda/email-worker/backoff.ts).
   * @default 30 seconds (EMAIL_WORKER_DEFAULTS in lambda/email-worker/settings.ts: 30 s, 1 min, 2 min, 4 min gives a throttled SES account time to recover)
   */
  readonly retryBaseDelay?: Duration;
  /**
   * Receives before SQS dead-letters a job (1–1000). The schedule it gives must outlast a killed
   * job's idempotency lease (checked). Excludes `existingQueue`.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * KMS key for both queues. Excludes `existingQueue`.
   * @default SSE-SQS
   */
  readonly encryptionKey?: IKey;
  /**
   * Age of the oldest job that raises an alarm.
   * @default 15 minutes
   */
  readonly oldestMessageAgeThreshold?: Duration;
  /**
   * Tuning of the Lambda consumer (only with consumers 'lambda').
   * @default EmailLambdaConsumer's defaults
   */
  readonly lambdaConsumer?: EmailLambdaConsumerTuning;
  /**
   * Tuning of the Fargate consumer (only with consumers 'fargate').
   * @default EmailFargateConsumer's defaults
   */
  readonly fargateConsumer?: EmailFargateConsumerTuning;
  /**
   * The only principals that may enqueue jobs (IAM roles, users or ARN principals). When given, the
   * queue policy denies `sqs:SendMessage` to every other principal except the account root user, and
   * the queue policy allows it to each producer. Whoever redrives the DLQ must be a producer too:
   * StartMessageMoveTask needs sqs:SendMessage on the destination queue.
   * @default none: any principal of this account whose IAM policy allows sqs:SendMessage on the
   *   queue may enqueue (SQS's default; the queue policy only denies non-TLS access)
   */
  readonly producers?: IGrantable[];
}

/** The whole email worker pattern. */
export class EmailWorker extends Construct {
  /** Consumer runtime in use. */
  public readonly consumers: EmailConsumerMode;
  /** The jobs queue and its DLQ (created or existing). */
  public readonly jobs: EncryptedQueue;
  /** The idempotency store (created or existing). */
  public readonly idempotency: EmailIdempotencyTable;
  /** The sender identity. */
  public readonly sender: EmailSenderIdentity;
  /** The consumer (one of the two). */
  public readonly consumer: EmailLambdaConsumer | EmailFargateConsumer;
  /** Where alarms go. */
  public readonly alarmTopic: AlarmTopic;
  /** Alarms and dashboard. */
  public readonly monitoring: EmailWorkerMonitoring;
  /** The SNS→SQS signup fan-out, when `signupFanout` is on. */
  public readonly signupFanout?: SignupFanout;

  constructor(scope: Construct, id: string, props: EmailWorkerProps = {}) {
    super(scope, id);
    const settings = validateEmailWorkerProps(this, props);
    this.consumers = settings.consumers;
    const { timing, jobTimeout, retryBaseDelay, maxReceiveCount } = settings;

    this.jobs = new EncryptedQueue(this, 'EmailQueue', props.existingQueue === undefined
      ? { fifo: props.queueType === 'fifo', visibilityTimeout: timing.visibilityTimeout, maxReceiveCount, encryptionKey: props.encryptionKey }
      : { existingQueue: props.existingQueue, existingDeadLetterQueue: props.existingDeadLetterQueue });
    if (props.producers !== undefined) restrictQueueToProducers(this.jobs.queue, props.producers);
    const visibilityTimeout = settings.existingQueue?.visibilityTimeout ?? timing.visibilityTimeout;
    const retention = settings.existingQueue?.retentionPeriod ?? this.jobs.retentionPeriod ?? Duration.days(4);
    this.idempotency = new EmailIdempotencyTable(this, 'EmailIdempotencyTable', {
      ...props.idempotencyTableProps, existingTable: props.existingIdempotencyTable,
    });
    this.sender = new EmailSenderIdentity(this, 'EmailSender', { emailFrom: props.emailFrom });
    const environment = emailWorkerEnvironment({
      queue: this.jobs.queue,
      deadLetterQueue: this.jobs.deadLetterQueue,
      idempotencyTable: this.idempotency.table,
      // Remember a job as long as the queue could still hold a copy of it (a producer resend or a
      // redelivery), so no duplicate can outlive its dedupe key.
      idempotencyTtl: retention,
      emailFrom: this.sender.emailFrom,
      visibilityTimeout,
      jobTimeout,
      retryBaseDelay,
      maxReceiveCount,
    });
    const shared = {
      queue: this.jobs.queue,
      deadLetterQueue: this.jobs.deadLetterQueue,
      idempotencyTable: this.idempotency.table,
      sender: this.sender,
      environment,
    };
    this.consumer = 'functionTimeout' in timing
      ? new EmailLambdaConsumer(this, 'EmailLambdaConsumer', { ...props.lambdaConsumer, ...shared, functionTimeout: timing.functionTimeout })
      : new EmailFargateConsumer(this, 'EmailFargateConsumer', { ...props.fargateConsumer, ...shared, stopTimeout: timing.stopTimeout });

    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic');
    this.monitoring = new EmailWorkerMonitoring(this, 'EmailWorkerMonitoring', {
      queue: this.jobs.queue,
      deadLetterQueue: this.jobs.deadLetterQueue,
      consumerCountMetric: this.consumer.consumerCountMetric,
      alarmTopic: this.alarmTopic,
      oldestMessageAgeThreshold: props.oldestMessageAgeThreshold,
    });
    if (props.signupFanout === true) {
      this.signupFanout = new SignupFanout(this, 'SignupFanout', { emailQueue: this.jobs.queue });
    }
    acknowledgeEmailConsumerNagFindings(this.consumer);
  }
}
