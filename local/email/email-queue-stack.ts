/**
 * The EmailWorkerStack of one queue type (`cdk synth -c emailQueue=standard|fifo`) on a fauxqs of
 * its own: synthesized from the app, its queues, then its SNS topic and subscriptions provisioned
 * from the template, and the resources the SQS FIFO and signup fan-out runs use found by their
 * construct paths. The standard template carries the signup fan-out, so both runs open it here.
 */
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { EmailQueueType } from '../../lib/common/app-context';
import { EMAIL_WORKER_PATTERN, stackName } from '../../lib/common/stack-name';
import { buildQueueOrStreamApp } from '../../lib/queue-or-stream-app';
import { ConfigurationError } from '../../runtime/shared/errors';
import { emulatorSnsClient, emulatorSqsClient } from '../emulators/emulator-clients';
import { startSqsEmulator } from '../emulators/sqs-emulator';
import type { CfnTemplate } from '../provisioning/cfn-template';
import { newRunPrefix } from '../provisioning/physical-names';
import { provisionTemplate } from '../provisioning/provision-template';
import { QueueProvisioner } from '../provisioning/queue-provisioner';
import { SnsProvisioner } from '../provisioning/sns-provisioner';
import { synthesizeTemplates, templateOf } from '../provisioning/synthesize-templates';

/** Any address: synth needs one, and nothing is sent from it in these runs. */
const LOCAL_EMAIL_FROM = 'sender@example.com';

/**
 * Logical ids of the resources the runs use: CDK names them after their construct path plus an
 * 8-digit hash (the templates carry no path metadata when synthesized in-process).
 */
const LOGICAL_IDS = {
  emailQueue: /^EmailQueue[0-9A-F]{8}$/,
  signupTopic: /^SignupFanoutTopic[0-9A-F]{8}$/,
  analyticsQueue: /^SignupFanoutAnalyticsQueue[0-9A-F]{8}$/,
} as const;

/** One queue type's EmailWorkerStack, provisioned and reachable. */
export interface EmailQueueStack {
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
  /** The email jobs queue. */
  readonly emailQueueUrl: string;
  /** The signup topic's ARN. @default undefined: the template has no fan-out (FIFO) */
  readonly signupTopicArn: string | undefined;
  /** The analytics subscriber queue. @default undefined: the template has no fan-out (FIFO) */
  readonly analyticsQueueUrl: string | undefined;
  /** Where local resources differ from the template (KMS not emulated, ...). */
  readonly notes: readonly string[];
  /** Destroys the clients and stops the emulator. */
  close(): Promise<void>;
}

/** The template lacks a resource a run needs. */
export class EmailQueueStackTemplateError extends ConfigurationError {
  constructor(readonly queueType: EmailQueueType, readonly problem: string) {
    super(`EmailWorkerStack (-c emailQueue=${queueType}) template: ${problem}`);
  }
}

/** The EmailWorkerStack template of `queueType`, synthesized as `cdk synth -c emailQueue=<type>` would. */
export function emailQueueStackTemplate(queueType: EmailQueueType): CfnTemplate {
  const templates = synthesizeTemplates({
    buildApp: (app) => void buildQueueOrStreamApp(app, {}),
    // A 1 s job timeout gives the Fargate queue a short visibility timeout, so a failed message
    // returns within seconds in a local run (the stack's default is a 30 s job timeout).
    context: { emailFrom: LOCAL_EMAIL_FROM, emailQueue: queueType, emailConsumers: 'fargate', emailJobTimeoutSeconds: 1 },
  });
  return templateOf(templates, stackName(EMAIL_WORKER_PATTERN, undefined));
}

/** Starts a fauxqs and provisions `queueType`'s EmailWorkerStack on it; stops it again on failure. */
export async function openEmailQueueStack(queueType: EmailQueueType): Promise<EmailQueueStack> {
  const template = emailQueueStackTemplate(queueType);
  const emulator = await startSqsEmulator();
  const sqs = emulatorSqsClient(emulator.endpoint);
  const sns = emulatorSnsClient(emulator.endpoint);
  const close = async (): Promise<void> => {
    sqs.destroy();
    sns.destroy();
    await emulator.stop();
  };
  try {
    return { sqs, sns, ...(await provisionEmailQueueStack(queueType, template, { sqs, sns })), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Provisions `template` (queues, then topics and subscriptions) and finds the runs' resources in it. */
export async function provisionEmailQueueStack(
  queueType: EmailQueueType,
  template: CfnTemplate,
  clients: { readonly sqs: SQSClient; readonly sns: SNSClient },
): Promise<Omit<EmailQueueStack, 'sqs' | 'sns' | 'close'>> {
  const namePrefix = newRunPrefix();
  const provisioned = await provisionTemplate(template, [
    new QueueProvisioner({ sqs: clients.sqs, namePrefix }),
    new SnsProvisioner({ sns: clients.sns, namePrefix }),
  ]);
  const refOf = (pattern: RegExp): string | undefined => {
    const logicalId = Object.keys(template.Resources).find((candidate) => pattern.test(candidate));
    return logicalId === undefined ? undefined : provisioned.scope.resources.get(logicalId)?.ref;
  };
  const emailQueueUrl = refOf(LOGICAL_IDS.emailQueue);
  if (emailQueueUrl === undefined) throw new EmailQueueStackTemplateError(queueType, `no email queue (logical id ${LOGICAL_IDS.emailQueue.source})`);
  return {
    emailQueueUrl,
    signupTopicArn: refOf(LOGICAL_IDS.signupTopic),
    analyticsQueueUrl: refOf(LOGICAL_IDS.analyticsQueue),
    notes: provisioned.notes,
  };
}
