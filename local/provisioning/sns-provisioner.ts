/**
 * Creates the template's `AWS::SNS::Topic` and `AWS::SNS::Subscription` resources on an SNS
 * endpoint (fauxqs locally), after the queues exist: topics first, then each subscription with the
 * attributes the template declares (raw delivery, filter policy and its scope, redrive policy).
 * KMS is not emulated: a topic's KmsMasterKeyId is left out and a note says so.
 */
import { CreateTopicCommand, SubscribeCommand, type SNSClient } from '@aws-sdk/client-sns';
import { resourcesOfType, type CfnTemplate } from './cfn-template';
import { resolveIntrinsics, type PhysicalResource, type ResolutionScope } from './intrinsic-resolver';
import { physicalNameFor } from './physical-names';
import type { ProvisionedResource, ProvisionResult, TemplateProvisioner } from './provision-template';
import { ProvisioningError } from './template-errors';

const TOPIC_TYPE = 'AWS::SNS::Topic';
const SUBSCRIPTION_TYPE = 'AWS::SNS::Subscription';
/** SNS topic names: up to 256 characters (CreateTopic limit). */
const TOPIC_NAME_MAX_LENGTH = 256;
/** Subscription properties that are SNS subscription attributes of the same name. */
const SUBSCRIPTION_ATTRIBUTES = ['RawMessageDelivery', 'FilterPolicy', 'FilterPolicyScope', 'RedrivePolicy'] as const;

/** Settings of the SNS provisioner. */
export interface SnsProvisionerProps {
  /** Client of the SNS endpoint. */
  readonly sns: SNSClient;
  /** Prefix of every physical name (see `newRunPrefix`). */
  readonly namePrefix: string;
}

/** Provisions topics (`Ref` = topic ARN) and their subscriptions (`Ref` = subscription ARN). */
export class SnsProvisioner implements TemplateProvisioner {
  readonly resourceTypes = [TOPIC_TYPE, SUBSCRIPTION_TYPE];

  constructor(private readonly props: SnsProvisionerProps) {}

  async provision(template: CfnTemplate, scope: ResolutionScope): Promise<ProvisionResult> {
    const resources = new Map<string, PhysicalResource>();
    const created: ProvisionedResource[] = [];
    const notes: string[] = [];
    for (const { logicalId, resource } of resourcesOfType(template, TOPIC_TYPE)) {
      const name = physicalNameFor(this.props.namePrefix, logicalId, { maxLength: TOPIC_NAME_MAX_LENGTH });
      const { TopicArn: topicArn } = await this.props.sns.send(new CreateTopicCommand({ Name: name }));
      if (topicArn === undefined) throw new ProvisioningError(logicalId, name, 'CreateTopic returned no ARN');
      if (resource.Properties?.['KmsMasterKeyId'] !== undefined) notes.push(`${logicalId}: KMS key not emulated; the topic is unencrypted locally`);
      resources.set(logicalId, { ref: topicArn, attributes: { TopicArn: topicArn, TopicName: name } });
      created.push({ logicalId, type: TOPIC_TYPE, physicalName: name });
    }
    const fullScope: ResolutionScope = { ...scope, resources: new Map([...scope.resources, ...resources]) };
    for (const { logicalId, resource } of resourcesOfType(template, SUBSCRIPTION_TYPE)) {
      const path = `Resources.${logicalId}.Properties`;
      const properties = resource.Properties ?? {};
      const text = (name: string): string | undefined => {
        const value = properties[name];
        if (value === undefined) return undefined;
        const resolved = resolveIntrinsics(value, fullScope, `${path}.${name}`);
        return typeof resolved === 'object' ? JSON.stringify(resolved) : String(resolved);
      };
      const attributes: Record<string, string> = {};
      for (const name of SUBSCRIPTION_ATTRIBUTES) {
        const value = text(name);
        if (value !== undefined) attributes[name] = value;
      }
      const { SubscriptionArn: subscriptionArn } = await this.props.sns.send(new SubscribeCommand({
        TopicArn: text('TopicArn'),
        Protocol: text('Protocol'),
        Endpoint: text('Endpoint'),
        Attributes: attributes,
        ReturnSubscriptionArn: true,
      }));
      if (subscriptionArn === undefined) throw new ProvisioningError(logicalId, logicalId, 'Subscribe returned no ARN');
      resources.set(logicalId, { ref: subscriptionArn, attributes: {} });
      created.push({ logicalId, type: SUBSCRIPTION_TYPE, physicalName: subscriptionArn });
    }
    return { resources, created, notes };
  }
}
