/**
 * The settings of one `AWS::KinesisFirehose::DeliveryStream` with a Kinesis stream source and an
 * extended S3 destination, read from the (resolved) template with Firehose's documented defaults
 * and ranges, so the local delivery runner archives exactly as the stack declares.
 */
import { isJsonObject, resourcesOfType, type CfnTemplate, type JsonObject, type JsonValue } from '../../provisioning/cfn-template';
import { resolveToString, type ResolutionScope } from '../../provisioning/intrinsic-resolver';
import { MalformedTemplateError } from '../../provisioning/template-errors';
import { ConfigurationError } from '../../../runtime/shared/errors';

const DELIVERY_STREAM_TYPE = 'AWS::KinesisFirehose::DeliveryStream';

/** Processors the local runner applies; any other type fails at start (it would change the bytes). */
export type SupportedProcessorType = 'AppendDelimiterToRecord';

/** What the local delivery runner needs from a delivery stream. */
export interface DeliveryStreamSettings {
  readonly logicalId: string;
  /** ARN of the source stream (`KinesisStreamSourceConfiguration.KinesisStreamARN`). */
  readonly sourceStreamArn: string;
  /** Destination bucket name, from `BucketARN`. */
  readonly bucketName: string;
  /** `BufferingHints.IntervalInSeconds`. @default 300 (Firehose's default) */
  readonly bufferingIntervalSeconds: number;
  /** `BufferingHints.SizeInMBs`, in bytes (MiB × 1,048,576). @default 5 MiB (Firehose's default) */
  readonly bufferingSizeBytes: number;
  /** `CompressionFormat`. @default 'UNCOMPRESSED' */
  readonly compression: 'GZIP' | 'UNCOMPRESSED';
  /** `Prefix`, with its `!{...}` expressions unevaluated. @default '' */
  readonly prefix: string;
  /** `ErrorOutputPrefix`, unevaluated. @default '' (Firehose then writes under its own error folders) */
  readonly errorOutputPrefix: string;
  /** Enabled processors, in order. @default [] */
  readonly processors: readonly SupportedProcessorType[];
}

/** A delivery stream setting the local runner cannot honour, or a value outside Firehose's range: exit 2. */
export class UnsupportedDeliveryStreamError extends ConfigurationError {
  constructor(
    readonly logicalId: string,
    readonly property: string,
    readonly problem: string,
  ) {
    super(`delivery stream ${logicalId}: ${property} ${problem}`);
  }
}

// Ranges from the Firehose API reference (BufferingHints), as checked in December 2026.
const INTERVAL_RANGE = { min: 0, max: 900, fallback: 300 } as const;
const SIZE_RANGE_MIB = { min: 1, max: 128, fallback: 5 } as const;
const BYTES_PER_MIB = 1024 * 1024;

function objectAt(parent: JsonObject, key: string, path: string): JsonObject | undefined {
  const value = parent[key];
  if (value === undefined) return undefined;
  if (!isJsonObject(value)) throw new MalformedTemplateError(`${path}.${key}`, 'an object');
  return value;
}

function integerIn(value: JsonValue | undefined, range: { min: number; max: number; fallback: number }, logicalId: string, property: string): number {
  if (value === undefined) return range.fallback;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < range.min || number > range.max) {
    throw new UnsupportedDeliveryStreamError(logicalId, property, `is ${JSON.stringify(value)}, expected an integer from ${range.min} to ${range.max}`);
  }
  return number;
}

function stringAt(parent: JsonObject, key: string): string {
  const value = parent[key];
  return typeof value === 'string' ? value : '';
}

function processorsOf(destination: JsonObject, logicalId: string, path: string): SupportedProcessorType[] {
  const processing = objectAt(destination, 'ProcessingConfiguration', path);
  if (processing === undefined || processing['Enabled'] === false || processing['Enabled'] === 'false') return [];
  const processors = processing['Processors'];
  if (!Array.isArray(processors)) return [];
  return processors.map((processor, index) => {
    const type = isJsonObject(processor) ? processor['Type'] : undefined;
    if (type !== 'AppendDelimiterToRecord') {
      throw new UnsupportedDeliveryStreamError(logicalId, `ProcessingConfiguration.Processors[${index}].Type`, `${JSON.stringify(type ?? null)} is not run locally (only AppendDelimiterToRecord is)`);
    }
    return type;
  });
}

function bucketNameOf(arn: string, logicalId: string): string {
  const match = /^arn:aws[a-z-]*:s3:::([^/]+)$/.exec(arn);
  if (match?.[1] === undefined) throw new UnsupportedDeliveryStreamError(logicalId, 'BucketARN', `is ${arn}, expected an S3 bucket ARN`);
  return match[1];
}

/** Reads one delivery stream (only the properties that decide what lands in S3 are resolved). */
export function deliveryStreamSettings(logicalId: string, properties: JsonObject, scope: ResolutionScope): DeliveryStreamSettings {
  const path = `Resources.${logicalId}.Properties`;
  const source = objectAt(properties, 'KinesisStreamSourceConfiguration', path);
  const destination = objectAt(properties, 'ExtendedS3DestinationConfiguration', path);
  if (source === undefined) throw new UnsupportedDeliveryStreamError(logicalId, 'KinesisStreamSourceConfiguration', 'is missing (only a Kinesis stream source is run locally)');
  if (destination === undefined) throw new UnsupportedDeliveryStreamError(logicalId, 'ExtendedS3DestinationConfiguration', 'is missing (only S3 is run locally)');
  const destinationPath = `${path}.ExtendedS3DestinationConfiguration`;
  const hints = objectAt(destination, 'BufferingHints', destinationPath) ?? {};
  const compression = destination['CompressionFormat'] ?? 'UNCOMPRESSED';
  if (compression !== 'GZIP' && compression !== 'UNCOMPRESSED') {
    throw new UnsupportedDeliveryStreamError(logicalId, 'CompressionFormat', `${JSON.stringify(compression)} is not run locally (GZIP or UNCOMPRESSED are)`);
  }
  if (destination['DataFormatConversionConfiguration'] !== undefined || destination['DynamicPartitioningConfiguration'] !== undefined) {
    throw new UnsupportedDeliveryStreamError(logicalId, 'ExtendedS3DestinationConfiguration', 'declares format conversion or dynamic partitioning, which the local runner does not do');
  }
  return {
    logicalId,
    sourceStreamArn: resolveToString(source['KinesisStreamARN'] ?? null, scope, `${path}.KinesisStreamSourceConfiguration.KinesisStreamARN`),
    bucketName: bucketNameOf(resolveToString(destination['BucketARN'] ?? null, scope, `${destinationPath}.BucketARN`), logicalId),
    bufferingIntervalSeconds: integerIn(hints['IntervalInSeconds'], INTERVAL_RANGE, logicalId, 'BufferingHints.IntervalInSeconds'),
    bufferingSizeBytes: integerIn(hints['SizeInMBs'], SIZE_RANGE_MIB, logicalId, 'BufferingHints.SizeInMBs') * BYTES_PER_MIB,
    compression,
    prefix: stringAt(destination, 'Prefix'),
    errorOutputPrefix: stringAt(destination, 'ErrorOutputPrefix'),
    processors: processorsOf(destination, logicalId, destinationPath),
  };
}

/** Every delivery stream of the template whose source is `streamArn`. */
export function deliveryStreamsReading(template: CfnTemplate, scope: ResolutionScope, streamArn: string): DeliveryStreamSettings[] {
  return resourcesOfType(template, DELIVERY_STREAM_TYPE)
    .map(({ logicalId, resource }) => deliveryStreamSettings(logicalId, resource.Properties ?? {}, scope))
    .filter((settings) => settings.sourceStreamArn === streamArn);
}
