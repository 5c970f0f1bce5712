/**
 * The MSK event source mapping settings the local runner plays, read from the template's
 * `AWS::Lambda::EventSourceMapping` (the sessionizer's: lib/kafka/kafka-sessionizer.ts), so a change
 * to the stack changes the local run. A property the template leaves out takes the value Lambda
 * gives it (CreateEventSourceMapping API reference; "Configuring error handling controls for Kafka
 * event sources" for the retry defaults; 500 ms is the Kafka batching window default).
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../provisioning/cfn-template';
import type { LocalEventSourceMapping } from '../provisioning/compute-resources';
import { MalformedTemplateError } from '../provisioning/template-errors';

/** Settings of one MSK event source mapping. */
export interface MskEventSourceSettings {
  /** `BatchSize`. */
  readonly batchSize: number;
  /** `MaximumBatchingWindowInSeconds`, in ms. */
  readonly batchingWindowMs: number;
  /** `StartingPosition`: where a new consumer group starts. */
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** `MaximumRetryAttempts`; −1 retries until the record expires. */
  readonly maximumRetryAttempts: number;
  /** `BisectBatchOnFunctionError`. */
  readonly bisectBatchOnFunctionError: boolean;
  /** `MaximumRecordAgeInSeconds`; −1 for no limit. */
  readonly maximumRecordAgeSeconds: number;
  /** `FunctionResponseTypes` includes `ReportBatchItemFailures`. */
  readonly reportBatchItemFailures: boolean;
  /** The consumer group id (`AmazonManagedKafkaEventSourceConfig.ConsumerGroupId`). */
  readonly consumerGroupId: string;
}

/** One MSK mapping as the template declares it. */
export interface MskEventSourceMapping {
  readonly logicalId: string;
  /** The topic it reads (`Topics`, exactly one for Kafka). */
  readonly topic: string;
  readonly settings: MskEventSourceSettings;
  /** The Kafka on-failure destination topic (`DestinationConfig.OnFailure.Destination` `kafka://<topic>`), if any. */
  readonly deadLetterTopic: string | undefined;
}

/** What Lambda uses when the template leaves a property out. */
const LAMBDA_DEFAULTS = {
  batchSize: 100,
  batchingWindowSeconds: 0.5,
  maximumRetryAttempts: -1,
  maximumRecordAgeSeconds: -1,
} as const;

const KAFKA_DESTINATION_PREFIX = 'kafka://';

/** The MSK mappings among the template's event-source mappings (those with `Topics`). */
export function mskEventSourceMappings(mappings: readonly LocalEventSourceMapping[]): MskEventSourceMapping[] {
  return mappings.filter((mapping) => Array.isArray(mapping.properties['Topics'])).map(mskEventSourceMapping);
}

function mskEventSourceMapping(mapping: LocalEventSourceMapping): MskEventSourceMapping {
  const properties = mapping.properties;
  const at = (key: string): string => `Resources.${mapping.logicalId}.Properties.${key}`;
  const topics = properties['Topics'] as JsonValue[];
  if (topics.length !== 1 || typeof topics[0] !== 'string') throw new MalformedTemplateError(at('Topics'), 'exactly one topic name');
  const number = (key: string, fallback: number): number => {
    const value = properties[key] ?? fallback;
    if (typeof value !== 'number') throw new MalformedTemplateError(at(key), 'a number');
    return value;
  };
  const startingPosition = properties['StartingPosition'];
  if (startingPosition !== 'TRIM_HORIZON' && startingPosition !== 'LATEST') throw new MalformedTemplateError(at('StartingPosition'), 'TRIM_HORIZON or LATEST');
  const responseTypes = properties['FunctionResponseTypes'];
  return {
    logicalId: mapping.logicalId,
    topic: topics[0],
    settings: {
      batchSize: number('BatchSize', LAMBDA_DEFAULTS.batchSize),
      batchingWindowMs: Math.round(number('MaximumBatchingWindowInSeconds', LAMBDA_DEFAULTS.batchingWindowSeconds) * 1000),
      startingPosition,
      maximumRetryAttempts: number('MaximumRetryAttempts', LAMBDA_DEFAULTS.maximumRetryAttempts),
      bisectBatchOnFunctionError: properties['BisectBatchOnFunctionError'] === true,
      maximumRecordAgeSeconds: number('MaximumRecordAgeInSeconds', LAMBDA_DEFAULTS.maximumRecordAgeSeconds),
      reportBatchItemFailures: Array.isArray(responseTypes) && responseTypes.includes('ReportBatchItemFailures'),
      // Without one, Lambda names the group after the mapping's UUID; the logical id stands in for it.
      consumerGroupId: consumerGroupIdOf(properties) ?? mapping.logicalId,
    },
    deadLetterTopic: kafkaDestinationOf(properties, at('DestinationConfig.OnFailure.Destination')),
  };
}

function consumerGroupIdOf(properties: JsonObject): string | undefined {
  for (const key of ['AmazonManagedKafkaEventSourceConfig', 'SelfManagedKafkaEventSourceConfig']) {
    const config = properties[key];
    if (isJsonObject(config) && typeof config['ConsumerGroupId'] === 'string') return config['ConsumerGroupId'];
  }
  return undefined;
}

/** The topic of a `kafka://` on-failure destination; undefined without one. */
function kafkaDestinationOf(properties: JsonObject, path: string): string | undefined {
  const destinationConfig = properties['DestinationConfig'];
  const onFailure = isJsonObject(destinationConfig) ? destinationConfig['OnFailure'] : undefined;
  const destination = isJsonObject(onFailure) ? onFailure['Destination'] : undefined;
  if (destination === undefined) return undefined;
  if (typeof destination !== 'string' || !destination.startsWith(KAFKA_DESTINATION_PREFIX)) {
    throw new MalformedTemplateError(path, 'a kafka://<topic> destination (the local runner writes failed records to a topic only)');
  }
  return destination.slice(KAFKA_DESTINATION_PREFIX.length);
}
