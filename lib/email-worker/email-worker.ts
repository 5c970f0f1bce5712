/**
 * EmailWorker: the "job offload" pattern as one construct. A web app enqueues email jobs; an
 * encrypted SQS queue with a DLQ buffers them; autoscaled consumers (Fargate or Lambda) send them
 * through SES exactly once per job (idempotency table); alarms and a dashboard watch it all.
 * Works with no props at all; EmailWorkerStack wraps it for the app in bin/.
 */
import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { EmailConsumerMode } from '../common/app-context';
import { AlarmTopic } from '../common/alarm-topic';
import { EncryptedQueue } from '../common/encrypted-queue';
import { SignupFanout } from '../fanout/signup-fanout';
import { EmailFargateConsumer } from './email-fargate-consumer';
import { EmailIdempotencyTable } from './email-idempotency-table';
import { EmailLambdaConsumer } from './email-lambda-consumer';
import { restrictQueueToProducers } from './email-queue-producers';
import { EmailSenderIdentity } from './email-sender-identity';
import { emailWorkerEnvironment } from './email-worker-environment';
import { EmailWorkerMonitoring } from './email-worker-monitoring';
import { acknowledgeEmailConsumerNagFindings } from './email-worker-nag-suppressions';
import type { EmailWorkerProps } from './email-worker-props';
import { type EmailWorkerSettings, validateEmailWorkerProps } from './email-worker-validation';

export type { EmailWorkerProps } from './email-worker-props';

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
    const { timing, maxReceiveCount } = settings;

    this.jobs = new EncryptedQueue(this, 'EmailQueue', props.existingQueue === undefined
      ? { fifo: props.queueType === 'fifo', visibilityTimeout: timing.visibilityTimeout, maxReceiveCount, encryptionKey: props.encryptionKey }
      : { existingQueue: props.existingQueue, existingDeadLetterQueue: props.existingDeadLetterQueue });
    this.idempotency = new EmailIdempotencyTable(this, 'EmailIdempotencyTable', {
      ...props.idempotencyTableProps, existingTable: props.existingIdempotencyTable,
    });
    this.sender = new EmailSenderIdentity(this, 'EmailSender', { emailFrom: props.emailFrom });
    this.consumer = this.createConsumer(props, settings);
    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic');
    this.monitoring = new EmailWorkerMonitoring(this, 'EmailWorkerMonitoring', {
      queue: this.jobs.queue,
      deadLetterQueue: this.jobs.deadLetterQueue,
      consumerCountMetric: this.consumer.consumerCountMetric,
      alarmTopic: this.alarmTopic,
      oldestMessageAgeThreshold: props.oldestMessageAgeThreshold,
    });
    if (props.signupFanout === true) {
      this.signupFanout = new SignupFanout(this, 'SignupFanout', { emailQueue: this.jobs.queue, alarmTopic: this.alarmTopic });
    }
    // After the fan-out: its topic sends as sns.amazonaws.com, which the producers-only Deny lets
    // through by the topic's ARN (aws:SourceArn), or every signup would land in its subscription DLQ.
    if (props.producers !== undefined) {
      restrictQueueToProducers(this.jobs.queue, props.producers, this.signupFanout === undefined ? [] : [this.signupFanout.topic.topicArn]);
    }
    acknowledgeEmailConsumerNagFindings(this.consumer);
  }

  /** The Lambda or Fargate consumer, with the environment every consumer reads. */
  private createConsumer(props: EmailWorkerProps, settings: EmailWorkerSettings): EmailLambdaConsumer | EmailFargateConsumer {
    const { timing, jobTimeout, retryBaseDelay, maxReceiveCount } = settings;
    const visibilityTimeout = settings.existingQueue?.visibilityTimeout ?? timing.visibilityTimeout;
    const retention = settings.existingQueue?.retentionPeriod ?? this.jobs.retentionPeriod ?? Duration.days(4);
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
    return 'functionTimeout' in timing
      ? new EmailLambdaConsumer(this, 'EmailLambdaConsumer', { ...props.lambdaConsumer, ...shared, functionTimeout: timing.functionTimeout })
      : new EmailFargateConsumer(this, 'EmailFargateConsumer', { ...props.fargateConsumer, ...shared, stopTimeout: timing.stopTimeout });
  }
}
