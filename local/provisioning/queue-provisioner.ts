/**
 * Creates the template's `AWS::SQS::Queue` resources on an SQS endpoint (fauxqs locally), with the
 * attributes the template declares. Redrive settings name other queues, so they are set in a
 * second pass, once every queue (and its ARN) exists.
 */
import { CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { resourcesOfType, type CfnTemplate, type JsonObject, type JsonValue } from './cfn-template';
import { resolveIntrinsics, type PhysicalResource, type ResolutionScope } from './intrinsic-resolver';
import { physicalNameFor } from './physical-names';
import { ProvisioningError } from './template-errors';
import type { ProvisionedResource, ProvisionResult, TemplateProvisioner } from './provision-template';

const QUEUE_TYPE = 'AWS::SQS::Queue';

/** Queue properties copied 1:1 to CreateQueue attributes (CloudFormation uses the API's names). */
const PLAIN_ATTRIBUTES = [
  'VisibilityTimeout',
  'ReceiveMessageWaitTimeSeconds',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'MaximumMessageSize',
  'SqsManagedSseEnabled',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

/** Properties that point at other queues: set after all queues exist. CloudFormation takes objects, the API JSON text. */
const REDRIVE_ATTRIBUTES = ['RedrivePolicy', 'RedriveAllowPolicy'] as const;
const REDRIVE_ALLOW_POLICY = 'RedriveAllowPolicy';

/** KMS is not emulated: a CMK-encrypted queue is created with SSE-SQS instead, and a note says so. */
const KMS_ATTRIBUTES = ['KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds'] as const;

/** SQS queue names: up to 80 characters (SQS CreateQueue limit). */
const QUEUE_NAME_MAX_LENGTH = 80;

/** Settings of the queue provisioner. */
export interface QueueProvisionerProps {
  /** Client of the SQS endpoint to create the queues on. */
  readonly sqs: SQSClient;
  /** Prefix of every physical name (see `newRunPrefix`). */
  readonly namePrefix: string;
}

function attributeText(value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Resolves the named properties and renders them as SQS attribute text. */
function resolvedAttributes(
  properties: JsonObject,
  names: readonly string[],
  scope: ResolutionScope,
  path: string,
): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const name of names) {
    const value = properties[name];
    const text = attributeText(value === undefined ? undefined : resolveIntrinsics(value, scope, `${path}.${name}`));
    if (text !== undefined) attributes[name] = text;
  }
  return attributes;
}

/**
 * A `RedriveAllowPolicy` whose `sourceQueueArns` name the local queues. A template that gives its
 * source queue a fixed `QueueName` builds the source's ARN from that name (a `Fn::GetAtt` would make a
 * dependency cycle with the source's RedrivePolicy), but locally every queue gets a run-prefixed
 * name, so that ARN names no local queue. Each ARN whose queue name (its last part) is a template
 * queue's `QueueName` becomes that queue's local ARN; other values are kept.
 */
export function localRedriveAllowPolicy(policy: JsonValue, localArnByTemplateName: ReadonlyMap<string, string>): JsonValue {
  if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) return policy;
  const sources = policy['sourceQueueArns'];
  if (!Array.isArray(sources)) return policy;
  const localSources = sources.map((arn) => (typeof arn === 'string' ? (localArnByTemplateName.get(arn.split(':').at(-1) ?? '') ?? arn) : arn));
  return { ...policy, sourceQueueArns: localSources };
}

/** The local ARN of every queue that declares a `QueueName`, by that name. */
function localArnsByTemplateName(queues: ReturnType<typeof resourcesOfType>, scope: ResolutionScope): Map<string, string> {
  const arns = new Map<string, string>();
  for (const { logicalId, resource } of queues) {
    const declared = resource.Properties?.['QueueName'];
    const arn = scope.resources.get(logicalId)?.attributes['Arn'];
    const name = declared === undefined ? undefined : resolveIntrinsics(declared, scope, `Resources.${logicalId}.Properties.QueueName`);
    if (typeof name === 'string' && arn !== undefined) arns.set(name, arn);
  }
  return arns;
}

/** Provisions `AWS::SQS::Queue`; `Ref` is the queue URL, attributes `Arn`, `QueueName`, `QueueUrl`. */
export class QueueProvisioner implements TemplateProvisioner {
  readonly resourceTypes = [QUEUE_TYPE];

  constructor(private readonly props: QueueProvisionerProps) {}

  async provision(template: CfnTemplate, scope: ResolutionScope): Promise<ProvisionResult> {
    const queues = resourcesOfType(template, QUEUE_TYPE);
    const resources = new Map<string, PhysicalResource>();
    const created: ProvisionedResource[] = [];
    const notes: string[] = [];

    for (const { logicalId, resource } of queues) {
      const properties = resource.Properties ?? {};
      const isFifo = properties['FifoQueue'] === true || properties['FifoQueue'] === 'true';
      const queueName = physicalNameFor(this.props.namePrefix, logicalId, {
        maxLength: QUEUE_NAME_MAX_LENGTH,
        suffix: isFifo ? '.fifo' : '',
      });
      const attributes = resolvedAttributes(properties, PLAIN_ATTRIBUTES, scope, `Resources.${logicalId}.Properties`);
      if (KMS_ATTRIBUTES.some((name) => properties[name] !== undefined)) {
        attributes['SqsManagedSseEnabled'] = 'true';
        notes.push(`${logicalId}: KMS key not emulated; created with SSE-SQS`);
      }
      const { QueueUrl: queueUrl } = await this.props.sqs.send(new CreateQueueCommand({ QueueName: queueName, Attributes: attributes }));
      const { Attributes } = await this.props.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
      const arn = Attributes?.['QueueArn'];
      if (queueUrl === undefined || arn === undefined) throw new ProvisioningError(logicalId, queueName, 'CreateQueue returned no URL or ARN');
      resources.set(logicalId, { ref: queueUrl, attributes: { Arn: arn, QueueUrl: queueUrl, QueueName: queueName } });
      created.push({ logicalId, type: QUEUE_TYPE, physicalName: queueName });
    }

    const fullScope: ResolutionScope = { ...scope, resources: new Map([...scope.resources, ...resources]) };
    const localArnByTemplateName = localArnsByTemplateName(queues, fullScope);
    for (const { logicalId, resource } of queues) {
      const redrive = resolvedAttributes(resource.Properties ?? {}, REDRIVE_ATTRIBUTES, fullScope, `Resources.${logicalId}.Properties`);
      const allowPolicy = redrive[REDRIVE_ALLOW_POLICY];
      if (allowPolicy !== undefined) redrive[REDRIVE_ALLOW_POLICY] = JSON.stringify(localRedriveAllowPolicy(JSON.parse(allowPolicy) as JsonValue, localArnByTemplateName));
      if (Object.keys(redrive).length === 0) continue;
      await this.props.sqs.send(
        new SetQueueAttributesCommand({
          QueueUrl: resources.get(logicalId)?.ref,
          Attributes: redrive,
        }),
      );
    }
    return { resources, created, notes };
  }
}
