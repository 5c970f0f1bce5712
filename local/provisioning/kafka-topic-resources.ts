/**
 * Reads the Kafka topics a template declares, in either of the two forms the Kafka stack
 * synthesizes (lib/kafka/kafka-topics.ts):
 * - `AWS::MSK::Topic` (MSK Provisioned): `TopicName`, `PartitionCount`, and `Configs`, a
 *   Base64-encoded JSON object of string values (the MSK CreateTopic format);
 * - `Custom::KafkaTopics` (MSK Serverless): one resource whose `Topics` property is a JSON array of
 *   `{ name, partitions, configs }` (runtime/kafka/topics-lambda/topics-resource-properties.ts).
 * Pure: nothing here talks to a broker.
 */
import { resourcesOfType, type CfnTemplate, type JsonValue } from './cfn-template';
import { resolveIntrinsics, type ResolutionScope } from './intrinsic-resolver';
import { MalformedTemplateError } from './template-errors';
import { TOPICS_RESOURCE_PROPERTIES } from '../../runtime/kafka/topics-lambda/topics-resource-properties';

/** The CloudFormation type of one MSK topic. */
export const MSK_TOPIC_TYPE = 'AWS::MSK::Topic';
/** The custom resource type the serverless topics construct declares. */
export const SERVERLESS_TOPICS_TYPE = 'Custom::KafkaTopics';

/** One topic as the template declares it. */
export interface TemplateKafkaTopic {
  /** Logical id of the resource that declares it. */
  readonly logicalId: string;
  /** `AWS::MSK::Topic` or `Custom::KafkaTopics`. */
  readonly resourceType: string;
  readonly name: string;
  readonly partitions: number;
  /** Topic-level configs, Kafka's keys and string values (`cleanup.policy`, ...). */
  readonly configs: Readonly<Record<string, string>>;
  /** `ReplicationFactor` (AWS::MSK::Topic only). */
  readonly replicationFactor: number | undefined;
}

/** Every topic of the template, in template order: the MSK topics first, then the custom resource's. */
export function templateKafkaTopics(template: CfnTemplate, scope: ResolutionScope): TemplateKafkaTopic[] {
  return [...mskTopics(template, scope), ...serverlessTopics(template, scope)];
}

function mskTopics(template: CfnTemplate, scope: ResolutionScope): TemplateKafkaTopic[] {
  return resourcesOfType(template, MSK_TOPIC_TYPE).map(({ logicalId, resource }) => {
    const properties = resource.Properties ?? {};
    const at = (key: string): string => `Resources.${logicalId}.Properties.${key}`;
    const resolve = (key: string): JsonValue | undefined =>
      properties[key] === undefined ? undefined : resolveIntrinsics(properties[key], scope, at(key));
    const configs = resolve('Configs');
    return {
      logicalId,
      resourceType: MSK_TOPIC_TYPE,
      name: requireString(resolve('TopicName'), at('TopicName')),
      partitions: requirePositiveInteger(resolve('PartitionCount'), at('PartitionCount')),
      configs: configs === undefined ? {} : decodeMskTopicConfigs(configs, at('Configs')),
      replicationFactor: requirePositiveInteger(resolve('ReplicationFactor') ?? 1, at('ReplicationFactor')),
    };
  });
}

function serverlessTopics(template: CfnTemplate, scope: ResolutionScope): TemplateKafkaTopic[] {
  return resourcesOfType(template, SERVERLESS_TOPICS_TYPE).flatMap(({ logicalId, resource }) => {
    const at = `Resources.${logicalId}.Properties.${TOPICS_RESOURCE_PROPERTIES.topics}`;
    const raw = resource.Properties?.[TOPICS_RESOURCE_PROPERTIES.topics];
    const specs = parseJson(requireString(raw === undefined ? undefined : resolveIntrinsics(raw, scope, at), at), at);
    if (!Array.isArray(specs)) throw new MalformedTemplateError(at, 'a JSON array of { name, partitions, configs }');
    return specs.map((spec, index) => {
      const path = `${at}[${index}]`;
      if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new MalformedTemplateError(path, '{ name, partitions, configs }');
      return {
        logicalId,
        resourceType: SERVERLESS_TOPICS_TYPE,
        name: requireString(spec['name'], `${path}.name`),
        partitions: requirePositiveInteger(spec['partitions'], `${path}.partitions`),
        configs: stringRecord(spec['configs'] ?? {}, `${path}.configs`),
        replicationFactor: undefined,
      };
    });
  });
}

/** `Configs` of AWS::MSK::Topic: Base64 of a JSON object of string values. */
function decodeMskTopicConfigs(value: JsonValue, path: string): Record<string, string> {
  const text = Buffer.from(requireString(value, path), 'base64').toString('utf8');
  return stringRecord(parseJson(text, path), path);
}

function parseJson(text: string, path: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw new MalformedTemplateError(path, 'JSON text');
  }
}

function stringRecord(value: JsonValue, path: string): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MalformedTemplateError(path, 'an object of string values');
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (typeof item !== 'string') throw new MalformedTemplateError(`${path}.${key}`, 'a string');
      return [key, item];
    }),
  );
}

function requireString(value: JsonValue | undefined, path: string): string {
  if (typeof value !== 'string') throw new MalformedTemplateError(path, 'a string');
  return value;
}

function requirePositiveInteger(value: JsonValue | undefined, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new MalformedTemplateError(path, 'a positive integer');
  return value;
}
