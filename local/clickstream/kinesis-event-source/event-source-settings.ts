/**
 * The settings of one Kinesis `AWS::Lambda::EventSourceMapping`, read from its (resolved) template
 * properties with CloudFormation's defaults, and checked against Lambda's documented ranges so a bad
 * template fails with a message that names the property.
 */
import { KINESIS_EVENT_SOURCE_LIMITS } from '../../../runtime/shared/aws-limits';
import { isJsonObject, type JsonObject, type JsonValue } from '../../provisioning/cfn-template';
import { ConfigurationError } from '../../../runtime/shared/errors';

/** Where a mapping starts reading a shard. */
export type StartingPosition = 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP';

/** Everything the local runner needs from a mapping. */
export interface KinesisEventSourceSettings {
  /** `BatchSize`. @default 100 (CloudFormation's default for Kinesis) */
  readonly batchSize: number;
  /** `StartingPosition` (required by CloudFormation for streams). */
  readonly startingPosition: StartingPosition;
  /** `StartingPositionTimestamp` in epoch seconds, for AT_TIMESTAMP. @default undefined */
  readonly startingPositionTimestamp?: number;
  /** `BisectBatchOnFunctionError`. @default false */
  readonly bisectBatchOnFunctionError: boolean;
  /** `MaximumRetryAttempts`; −1 retries until the record expires. @default -1 */
  readonly maximumRetryAttempts: number;
  /** `MaximumRecordAgeInSeconds`; −1 means no limit. @default -1 */
  readonly maximumRecordAgeSeconds: number;
  /** `ParallelizationFactor`: concurrent batches per shard. @default 1 */
  readonly parallelizationFactor: number;
  /** `FunctionResponseTypes` contains `ReportBatchItemFailures`. @default false */
  readonly reportBatchItemFailures: boolean;
  /** `DestinationConfig.OnFailure.Destination`. @default undefined (discarded records are dropped) */
  readonly onFailureDestinationArn?: string;
  /** `TumblingWindowInSeconds`. @default undefined (no window) */
  readonly tumblingWindowSeconds?: number;
}

/** A mapping property is missing, of the wrong type, or outside Lambda's range. */
export class InvalidEventSourceSettingError extends ConfigurationError {
  constructor(
    /** Logical id of the mapping. */
    readonly mappingLogicalId: string,
    readonly property: string,
    readonly value: JsonValue | undefined,
    readonly expected: string,
  ) {
    super(`event source mapping ${mappingLogicalId}: ${property} is ${JSON.stringify(value ?? null)}, expected ${expected}`);
  }
}

interface IntegerRule {
  readonly property: string;
  readonly fallback: number;
  readonly min: number;
  readonly max: number;
  readonly expected: string;
}

/** A property's rule from Lambda's range and CloudFormation's default (runtime/shared/aws-limits.ts). */
function rule(property: string, limit: { readonly min: number; readonly max: number; readonly default: number }): IntegerRule {
  return { property, fallback: limit.default, min: limit.min, max: limit.max, expected: `an integer from ${limit.min} to ${limit.max}` };
}

const L = KINESIS_EVENT_SOURCE_LIMITS;
const BATCH_SIZE: IntegerRule = rule('BatchSize', L.batchSize);
const RETRY_ATTEMPTS: IntegerRule = rule('MaximumRetryAttempts', L.retryAttempts);
const RECORD_AGE: IntegerRule = {
  property: 'MaximumRecordAgeInSeconds',
  fallback: L.maxRecordAgeSeconds.default,
  min: L.maxRecordAgeSeconds.infinite,
  max: L.maxRecordAgeSeconds.max,
  expected: `${L.maxRecordAgeSeconds.infinite} or an integer from ${L.maxRecordAgeSeconds.min} to ${L.maxRecordAgeSeconds.max}`,
};
const PARALLELIZATION: IntegerRule = rule('ParallelizationFactor', L.parallelizationFactor);
const TUMBLING_WINDOW: IntegerRule = rule('TumblingWindowInSeconds', L.tumblingWindowSeconds);
const STARTING_POSITIONS: readonly string[] = ['TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP'];

function integerSetting(properties: JsonObject, rule: IntegerRule, logicalId: string): number {
  const value = properties[rule.property];
  if (value === undefined) return rule.fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < rule.min || value > rule.max) {
    throw new InvalidEventSourceSettingError(logicalId, rule.property, value, rule.expected);
  }
  return value;
}

function onFailureDestination(properties: JsonObject, logicalId: string): string | undefined {
  const config = properties['DestinationConfig'];
  if (config === undefined) return undefined;
  const onFailure = isJsonObject(config) ? config['OnFailure'] : undefined;
  const destination = isJsonObject(onFailure) ? onFailure['Destination'] : undefined;
  if (typeof destination !== 'string') {
    throw new InvalidEventSourceSettingError(logicalId, 'DestinationConfig.OnFailure.Destination', destination, 'an ARN');
  }
  return destination;
}

/** Reads and validates a Kinesis mapping's resolved properties. */
export function kinesisEventSourceSettings(properties: JsonObject, logicalId: string): KinesisEventSourceSettings {
  const startingPosition = properties['StartingPosition'];
  if (typeof startingPosition !== 'string' || !STARTING_POSITIONS.includes(startingPosition)) {
    throw new InvalidEventSourceSettingError(logicalId, 'StartingPosition', startingPosition, STARTING_POSITIONS.join(' | '));
  }
  const recordAge = integerSetting(properties, RECORD_AGE, logicalId);
  if (recordAge !== L.maxRecordAgeSeconds.infinite && recordAge < L.maxRecordAgeSeconds.min) {
    throw new InvalidEventSourceSettingError(logicalId, RECORD_AGE.property, recordAge, RECORD_AGE.expected);
  }
  const responseTypes = properties['FunctionResponseTypes'];
  const timestamp = properties['StartingPositionTimestamp'];
  const tumblingWindow = integerSetting(properties, TUMBLING_WINDOW, logicalId);
  const bisect = properties['BisectBatchOnFunctionError'];
  if (bisect !== undefined && typeof bisect !== 'boolean') {
    throw new InvalidEventSourceSettingError(logicalId, 'BisectBatchOnFunctionError', bisect, 'true or false');
  }
  const destination = onFailureDestination(properties, logicalId);
  return {
    batchSize: integerSetting(properties, BATCH_SIZE, logicalId),
    startingPosition: startingPosition as StartingPosition,
    ...(typeof timestamp === 'number' ? { startingPositionTimestamp: timestamp } : {}),
    bisectBatchOnFunctionError: bisect ?? false,
    maximumRetryAttempts: integerSetting(properties, RETRY_ATTEMPTS, logicalId),
    maximumRecordAgeSeconds: recordAge,
    parallelizationFactor: integerSetting(properties, PARALLELIZATION, logicalId),
    reportBatchItemFailures: Array.isArray(responseTypes) && responseTypes.includes('ReportBatchItemFailures'),
    ...(destination === undefined ? {} : { onFailureDestinationArn: destination }),
    ...(tumblingWindow > 0 ? { tumblingWindowSeconds: tumblingWindow } : {}),
  };
}
