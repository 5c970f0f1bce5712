/**
 * Provisions one email-variant template on fauxqs (queues, then SNS topics and subscriptions) and
 * finds the resources the variant runs use by their construct paths.
 */
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { QueueProvisioner } from '../provisioning/queue-provisioner';
import type { CfnTemplate } from '../provisioning/cfn-template';
import { newRunPrefix } from '../provisioning/physical-names';
import { provisionTemplate } from '../provisioning/provision-template';
import { SnsProvisioner } from '../provisioning/sns-provisioner';

/** What the variant runs need from the provisioned template. */
export interface ProvisionedVariant {
  /** The email jobs queue. */
  readonly emailQueueUrl: string;
  /** The signup topic's ARN, when the template has the fan-out. */
  readonly signupTopicArn?: string;
  /** The analytics subscriber queue, when the template has the fan-out. */
  readonly analyticsQueueUrl?: string;
  /** Where local resources differ from the template (KMS not emulated, ...). */
  readonly notes: readonly string[];
}

/**
 * Logical ids of the resources the runs use: CDK names them after their construct path plus an
 * 8-digit hash (the templates carry no path metadata when synthesized in-process).
 */
const LOGICAL_IDS = {
  emailQueue: /^EmailQueue[0-9A-F]{8}$/,
  signupTopic: /^SignupFanoutTopic[0-9A-F]{8}$/,
  analyticsQueue: /^SignupFanoutAnalyticsQueue[0-9A-F]{8}$/,
} as const;

function logicalIdMatching(template: CfnTemplate, pattern: RegExp): string | undefined {
  return Object.keys(template.Resources).find((logicalId) => pattern.test(logicalId));
}

export async function provisionVariant(template: CfnTemplate, clients: { sqs: SQSClient; sns: SNSClient }): Promise<ProvisionedVariant> {
  const namePrefix = newRunPrefix();
  const provisioned = await provisionTemplate(template, [
    new QueueProvisioner({ sqs: clients.sqs, namePrefix }),
    new SnsProvisioner({ sns: clients.sns, namePrefix }),
  ]);
  const refOf = (pattern: RegExp): string | undefined => {
    const logicalId = logicalIdMatching(template, pattern);
    return logicalId === undefined ? undefined : provisioned.scope.resources.get(logicalId)?.ref;
  };
  const emailQueueUrl = refOf(LOGICAL_IDS.emailQueue);
  if (emailQueueUrl === undefined) throw new Error(`the template has no email queue (logical id ${LOGICAL_IDS.emailQueue.source})`);
  return {
    emailQueueUrl,
    signupTopicArn: refOf(LOGICAL_IDS.signupTopic),
    analyticsQueueUrl: refOf(LOGICAL_IDS.analyticsQueue),
    notes: provisioned.notes,
  };
}
