/**
 * Creates the template's `AWS::Kinesis::Stream` and `AWS::Kinesis::StreamConsumer` resources on a
 * Kinesis endpoint (kinesis-local locally): capacity mode or shard count, retention, and the enhanced
 * fan-out consumers. Encryption is not emulated (kinesis-local stores plaintext); a note says so.
 */
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  IncreaseStreamRetentionPeriodCommand,
  RegisterStreamConsumerCommand,
  waitUntilStreamExists,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { isJsonObject, resourcesOfType, type CfnTemplate, type JsonObject } from './cfn-template';
import { resolveIntrinsics, resolveToString, type PhysicalResource, type ResolutionScope } from './intrinsic-resolver';
import { physicalNameFor } from './physical-names';
import type { ProvisionedResource, ProvisionResult, TemplateProvisioner } from './provision-template';
import { ProvisioningError } from './template-errors';

const STREAM_TYPE = 'AWS::Kinesis::Stream';
const CONSUMER_TYPE = 'AWS::Kinesis::StreamConsumer';
/** Kinesis stream names: up to 128 characters (CreateStream limit). */
const STREAM_NAME_MAX_LENGTH = 128;
/** Consumer names: up to 128 characters (RegisterStreamConsumer limit). */
const CONSUMER_NAME_MAX_LENGTH = 128;
/** Default retention of a new stream: 24 hours (Kinesis). */
const DEFAULT_RETENTION_HOURS = 24;

/** Settings of the stream provisioner. */
export interface StreamProvisionerProps {
  /** Client of the Kinesis endpoint to create the streams on. */
  readonly kinesis: KinesisClient;
  /** Prefix of every physical name (see `newRunPrefix`). */
  readonly namePrefix: string;
}

function resolvedProperties(logicalId: string, properties: JsonObject, scope: ResolutionScope): JsonObject {
  const resolved = resolveIntrinsics(properties, scope, `Resources.${logicalId}.Properties`);
  return isJsonObject(resolved) ? resolved : {};
}

/** Provisions streams (`Ref` name, `Arn`) and consumers (`Ref` and `ConsumerARN`, `ConsumerName`, `StreamARN`). */
export class StreamProvisioner implements TemplateProvisioner {
  readonly resourceTypes = [STREAM_TYPE, CONSUMER_TYPE];

  constructor(private readonly props: StreamProvisionerProps) {}

  async provision(template: CfnTemplate, scope: ResolutionScope): Promise<ProvisionResult> {
    const resources = new Map<string, PhysicalResource>();
    const created: ProvisionedResource[] = [];
    const notes: string[] = [];
    for (const { logicalId, resource } of resourcesOfType(template, STREAM_TYPE)) {
      const properties = resolvedProperties(logicalId, resource.Properties ?? {}, scope);
      const streamName = physicalNameFor(this.props.namePrefix, logicalId, { maxLength: STREAM_NAME_MAX_LENGTH });
      const streamArn = await this.createStream(logicalId, streamName, properties, notes);
      resources.set(logicalId, { ref: streamName, attributes: { Arn: streamArn } });
      created.push({ logicalId, type: STREAM_TYPE, physicalName: streamName });
    }
    const withStreams: ResolutionScope = { ...scope, resources: new Map([...scope.resources, ...resources]) };
    for (const { logicalId, resource } of resourcesOfType(template, CONSUMER_TYPE)) {
      const properties = resource.Properties ?? {};
      const streamArn = resolveToString(properties['StreamARN'] ?? null, withStreams, `Resources.${logicalId}.Properties.StreamARN`);
      const consumerName = physicalNameFor(this.props.namePrefix, logicalId, { maxLength: CONSUMER_NAME_MAX_LENGTH });
      const { Consumer: consumer } = await this.props.kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn, ConsumerName: consumerName }));
      if (consumer?.ConsumerARN === undefined) throw new ProvisioningError(logicalId, consumerName, 'RegisterStreamConsumer returned no ARN');
      resources.set(logicalId, {
        ref: consumer.ConsumerARN,
        attributes: { ConsumerARN: consumer.ConsumerARN, ConsumerName: consumerName, StreamARN: streamArn },
      });
      created.push({ logicalId, type: CONSUMER_TYPE, physicalName: consumerName });
      notes.push(`${logicalId}: enhanced fan-out consumer registered; kinesis-local has no SubscribeToShard, so it is read by polling GetRecords locally`);
    }
    return { resources, created, notes };
  }

  private async createStream(logicalId: string, streamName: string, properties: JsonObject, notes: string[]): Promise<string> {
    const mode = isJsonObject(properties['StreamModeDetails']) ? properties['StreamModeDetails']['StreamMode'] : undefined;
    const shardCount = properties['ShardCount'];
    const onDemand = mode === 'ON_DEMAND' || (mode === undefined && shardCount === undefined);
    await this.props.kinesis.send(
      new CreateStreamCommand(
        onDemand
          ? { StreamName: streamName, StreamModeDetails: { StreamMode: 'ON_DEMAND' } }
          : { StreamName: streamName, ShardCount: typeof shardCount === 'number' ? shardCount : Number(shardCount), StreamModeDetails: { StreamMode: 'PROVISIONED' } },
      ),
    );
    await waitUntilStreamExists({ client: this.props.kinesis, maxWaitTime: 60, minDelay: 0.2 }, { StreamName: streamName });
    const retention = properties['RetentionPeriodHours'];
    if (typeof retention === 'number' && retention > DEFAULT_RETENTION_HOURS) {
      await this.props.kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: streamName, RetentionPeriodHours: retention }));
    }
    if (properties['StreamEncryption'] !== undefined) {
      notes.push(`${logicalId}: stream encryption (KMS) not emulated; kinesis-local stores records unencrypted`);
    }
    const summary = await this.props.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    const description = summary.StreamDescriptionSummary;
    if (description?.StreamARN === undefined) throw new ProvisioningError(logicalId, streamName, 'DescribeStreamSummary returned no ARN');
    notes.push(
      `${logicalId}: ${onDemand ? 'on-demand' : 'provisioned'} stream with ${description.OpenShardCount ?? '?'} shard(s), retention ${description.RetentionPeriodHours ?? DEFAULT_RETENTION_HOURS} h`,
    );
    return description.StreamARN;
  }
}
