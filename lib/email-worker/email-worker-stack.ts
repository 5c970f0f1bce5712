/**
 * EmailWorkerStack: the app's stack around one {@link EmailWorker} construct, plus the stack outputs
 * the local and remote runs read. Everything the pattern builds lives in the construct.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { EmailConsumerMode } from '../common/app-context';
import type { AlarmTopic } from '../common/alarm-topic';
import type { EncryptedQueue } from '../common/encrypted-queue';
import type { SignupFanout } from '../fanout/signup-fanout';
import type { EmailFargateConsumer } from './email-fargate-consumer';
import type { EmailIdempotencyTable } from './email-idempotency-table';
import type { EmailLambdaConsumer } from './email-lambda-consumer';
import type { EmailSenderIdentity } from './email-sender-identity';
import { EmailWorker, type EmailWorkerProps } from './email-worker';
import type { EmailWorkerMonitoring } from './email-worker-monitoring';
import { EMAIL_WORKER_OUTPUTS } from './output-names';

/** Props of {@link EmailWorkerStack}: the construct's props (see EmailWorkerProps for each default). */
export interface EmailWorkerStackProps extends StackProps, EmailWorkerProps {}

/** The email worker pattern's stack. */
export class EmailWorkerStack extends Stack {
  /** The pattern's construct. */
  public readonly worker: EmailWorker;
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
    // 'Default' is left out of logical ids and generated names, so the resources keep the ids they
    // had when the stack built them directly: an update never replaces a deployed queue or table.
    this.worker = new EmailWorker(this, 'Default', props);
    ({
      consumers: this.consumers, jobs: this.jobs, idempotency: this.idempotency, sender: this.sender,
      consumer: this.consumer, alarmTopic: this.alarmTopic, monitoring: this.monitoring, signupFanout: this.signupFanout,
    } = this.worker);
    this.addOutputs();
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
