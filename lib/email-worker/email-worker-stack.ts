/**
 * EmailWorkerStack: the app's stack around one {@link EmailWorker} construct, plus the stack outputs
 * the local and remote runs read. Everything the pattern builds lives in the construct.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EmailWorker, type EmailWorkerProps } from './email-worker';
import { EMAIL_WORKER_OUTPUTS } from './output-names';

/** Props of {@link EmailWorkerStack}: the construct's props (see EmailWorkerProps for each default). */
export interface EmailWorkerStackProps extends StackProps, EmailWorkerProps {}

/** The email worker pattern's stack. */
export class EmailWorkerStack extends Stack {
  /** The pattern's construct. */
  public readonly worker: EmailWorker;

  constructor(scope: Construct, id: string, props: EmailWorkerStackProps = {}) {
    super(scope, id, props);
    // 'Default' is left out of logical ids and generated names, so the resources keep the ids they
    // had when the stack built them directly: an update never replaces a deployed queue or table.
    this.worker = new EmailWorker(this, 'Default', props);
    this.addOutputs();
  }

  private addOutputs(): void {
    const { jobs, idempotency, alarmTopic, monitoring, consumer, consumers } = this.worker;
    const outputs: Record<keyof typeof EMAIL_WORKER_OUTPUTS, { value: string; description: string }> = {
      queueUrl: { value: jobs.queue.queueUrl, description: 'URL of the email jobs queue (enqueueEmails sends here)' },
      deadLetterQueueUrl: { value: jobs.deadLetterQueue.queueUrl, description: 'URL of the dead-letter queue' },
      idempotencyTableName: { value: idempotency.table.tableName, description: 'Idempotency table (one item per sent job)' },
      alarmTopicArn: { value: alarmTopic.topic.topicArn, description: 'SNS topic of the alarms: subscribe to it' },
      dashboardName: { value: monitoring.dashboard.dashboardName, description: 'CloudWatch dashboard' },
      consumerName: { value: consumer.consumerName, description: `The ${consumers} consumer's name` },
      redriveCommand: { value: jobs.redriveCommand, description: 'Moves dead-lettered jobs back to the queue once the cause is fixed' },
    };
    for (const [key, output] of Object.entries(outputs) as [keyof typeof EMAIL_WORKER_OUTPUTS, { value: string; description: string }][]) {
      new CfnOutput(this, EMAIL_WORKER_OUTPUTS[key], output);
    }
  }
}
