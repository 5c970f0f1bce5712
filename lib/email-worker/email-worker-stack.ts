/**
 * EmailWorkerStack: the "job offload" pattern. A web app enqueues email jobs; an encrypted SQS queue
 * with a DLQ buffers them; autoscaled consumers (Fargate or Lambda) send them through SES exactly
 * once per job (idempotency table); alarms and a dashboard watch it all.
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { EmailConsumerMode, EmailQueueType } from '../common/app-context';
import { AlarmTopic } from '../common/alarm-topic';
import { EncryptedQueue } from '../common/encrypted-queue';
import { InvalidPropError } from '../common/invalid-prop-error';
import { SignupFanout } from '../fanout/signup-fanout';
import { fargateConsumerTiming, lambdaConsumerTiming, validateRetrySchedule } from './consumer-timing';
import { EMAIL_WORKER_DEFAULTS } from '../../lambda/email-worker/settings';
import { EmailFargateConsumer, type EmailFargateConsumerTuning } from './email-fargate-consumer';
import { EmailIdempotencyTable } from './email-idempotency-table';
import { EmailLambdaConsumer, type EmailLambdaConsumerTuning } from './email-lambda-consumer';
import { restrictQueueToProducers } from './email-queue-producers';
import { EmailSenderIdentity } from './email-sender-identity';
import { emailWorkerEnvironment } from './email-worker-environment';
import { EmailWorkerMonitoring } from './email-worker-monitoring';
import { acknowledgeEmailConsumerNagFindings } from './email-worker-nag-suppressions';
import { EMAIL_WORKER_OUTPUTS } from './output-names';

/** Props of {@link EmailWorkerStack}. */
export interface EmailWorkerStackProps extends StackProps {
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
   * @default 'standard'
   */
  readonly queueType?: EmailQueueType;
  /**
   * Add the SNS→SQS fan-out of user signups: a topic delivering welcome-email jobs to this stack's
   * queue and every signup to an analytics queue (see lib/fanout/signup-fanout.ts). It lives in this
   * stack because it must add its statement to the email queue's policy, which this stack owns
   * (a second AWS::SQS::QueuePolicy on the same queue from another stack would replace it).
   * Needs queueType 'standard'.
   * @default false
   */
  readonly signupFanout?: boolean;
  /**
   * Sender address; its address or domain must be a verified SES identity.
   * @default none: synth works, deploy is refused with "emailFrom is missing: ..."
   */
  readonly emailFrom?: string;
  /**
   * Upper bound for one job. Every other timeout (visibility, function, stopTimeout) derives from it.
   * @default 30 seconds (an SES API call takes well under a second; this leaves room for throttling)
   */
  readonly jobTimeout?: Duration;
  /**
   * First retry delay after a transient failure; doubles per receive (set with
   * ChangeMessageVisibility, so independent of the visibility timeout), capped at 15 minutes
   * (MAX_RETRY_DELAY_SECONDS in lambda/email-worker/retry-delay.ts).
   * @default 30 seconds (EMAIL_WORKER_DEFAULTS in lambda/email-worker/settings.ts: 30 s, 1 min, 2 min, 4 min gives a throttled SES account time to recover)
   */
  readonly retryBaseDelay?: Duration;
  /**
   * Receives before SQS dead-letters a job.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * KMS key for both queues.
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
export class EmailWorkerStack extends Stack {
  /** Consumer runtime in use. */
  public readonly consumers: EmailConsumerMode;
  /** The jobs queue and its DLQ. */
  public readonly jobs: EncryptedQueue;
  /** The idempotency store. */
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

  constructor(scope: Construct, id: string, props: EmailWorkerStackProps = {}) {
    super(scope, id, props);
    this.consumers = props.consumers ?? 'fargate';
    // Defaults from the one settings contract the runtime reads too (lambda/email-worker/settings.ts).
    const jobTimeout = props.jobTimeout ?? Duration.seconds(EMAIL_WORKER_DEFAULTS.jobTimeoutSeconds);
    const retryBaseDelay = props.retryBaseDelay ?? Duration.seconds(EMAIL_WORKER_DEFAULTS.retryBaseDelaySeconds);
    const maxReceiveCount = props.maxReceiveCount ?? EMAIL_WORKER_DEFAULTS.maxReceiveCount;
    validateProps(this.consumers, jobTimeout, props);
    const lambdaTiming = this.consumers === 'lambda' ? lambdaConsumerTiming(jobTimeout) : undefined;
    const fargateTiming = this.consumers === 'fargate' ? fargateConsumerTiming(jobTimeout) : undefined;
    const visibilityTimeout = lambdaTiming?.visibilityTimeout ?? fargateTiming?.visibilityTimeout;

    this.jobs = new EncryptedQueue(this, 'EmailQueue', {
      fifo: (props.queueType ?? 'standard') === 'fifo',
      visibilityTimeout,
      maxReceiveCount,
      encryptionKey: props.encryptionKey,
    });
    // After the queue checked maxReceiveCount's range: a schedule that ends before a killed job's
    // idempotency lease expires dead-letters jobs that may already have been sent.
    const timing = lambdaTiming ?? fargateTiming;
    if (timing !== undefined) validateRetrySchedule({ timing, jobTimeout, retryBaseDelay, maxReceiveCount });
    if (props.producers !== undefined) restrictQueueToProducers(this.jobs.queue, props.producers);
    const queueSettings = { visibilityTimeout: this.jobs.visibilityTimeout ?? Duration.seconds(30), retention: this.jobs.retentionPeriod ?? Duration.days(4) };
    this.idempotency = new EmailIdempotencyTable(this, 'EmailIdempotencyTable');
    this.sender = new EmailSenderIdentity(this, 'EmailSender', { emailFrom: props.emailFrom });
    const environment = emailWorkerEnvironment({
      queue: this.jobs.queue,
      deadLetterQueue: this.jobs.deadLetterQueue,
      idempotencyTable: this.idempotency.table,
      // Remember a job as long as the queue could still hold a copy of it (a producer resend or a
      // redelivery), so no duplicate can outlive its dedupe key.
      idempotencyTtl: queueSettings.retention,
      emailFrom: this.sender.emailFrom,
      visibilityTimeout: queueSettings.visibilityTimeout,
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
    this.consumer = lambdaTiming !== undefined
      ? new EmailLambdaConsumer(this, 'EmailLambdaConsumer', {
        ...props.lambdaConsumer, ...shared, functionTimeout: lambdaTiming.functionTimeout, queueVisibilityTimeout: queueSettings.visibilityTimeout,
      })
      : new EmailFargateConsumer(this, 'EmailFargateConsumer', {
        ...props.fargateConsumer, ...shared, stopTimeout: fargateTiming?.stopTimeout ?? jobTimeout,
      });

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
    this.addOutputs();
    acknowledgeEmailConsumerNagFindings(this.consumer);
  }

  private addOutputs(): void {
    const outputs: Record<keyof typeof EMAIL_WORKER_OUTPUTS, { value: string; description: string }> = {
      queueUrl: { value: this.jobs.queue.queueUrl, description: 'URL of the email jobs queue (enqueueEmails sends here)' },
      deadLetterQueueUrl: { value: this.jobs.deadLetterQueue.queueUrl, description: 'URL of the dead-letter queue' },
      idempotencyTableName: { value: this.idempotency.table.tableName, description: 'Idempotency table (one item per sent job)' },
      alarmTopicArn: { value: this.alarmTopic.topic.topicArn, description: 'SNS topic of the alarms: subscribe to it' },
      dashboardName: { value: this.monitoring.dashboard.dashboardName, description: 'CloudWatch dashboard' },
      consumerName: { value: this.consumer.consumerName, description: `The ${this.consumers} consumer's name` },
      redriveCommand: { value: this.jobs.redriveCommand, description: 'Moves dead-lettered jobs back to the queue once the cause is fixed' },
    };
    for (const [key, output] of Object.entries(outputs) as [keyof typeof EMAIL_WORKER_OUTPUTS, { value: string; description: string }][]) {
      new CfnOutput(this, EMAIL_WORKER_OUTPUTS[key], output);
    }
  }
}

function validateProps(consumers: EmailConsumerMode, jobTimeout: Duration, props: EmailWorkerStackProps): void {
  const jobTimeoutMs = jobTimeout.toMilliseconds();
  if (jobTimeoutMs < 1000 || jobTimeoutMs % 1000 !== 0) {
    // Whole seconds: the timeouts derived from it (visibility, function, stopTimeout) are whole seconds.
    throw new InvalidPropError('EmailWorkerStack', 'jobTimeout', `${jobTimeoutMs} ms`, 'a whole number of seconds, at least 1');
  }
  const unusedTuning = consumers === 'lambda' ? props.fargateConsumer && 'fargateConsumer' : props.lambdaConsumer && 'lambdaConsumer';
  if (unusedTuning) {
    throw new InvalidPropError('EmailWorkerStack', unusedTuning, 'set', `left unset when consumers is '${consumers}' (it would be ignored)`);
  }
}
