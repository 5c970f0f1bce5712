/** The SQS event-source mapping settings the local runner follows, read from the template. */
import { SQS_EVENT_SOURCE_LIMITS } from '../../../runtime/shared/aws-limits';
import { isJsonObject } from '../../provisioning/cfn-template';
import type { LocalEventSourceMapping } from '../../provisioning/compute-resources';

/** Typed view of an `AWS::Lambda::EventSourceMapping` on an SQS queue. */
export interface SqsEventSourceSettings {
  /** Records per invocation. @default 10 (the SQS event source's default) */
  readonly batchSize: number;
  /** How long to gather records before invoking. @default 0 */
  readonly maximumBatchingWindowSeconds: number;
  /** Concurrent invocations the mapping may run (2-1000). @default undefined (no cap) */
  readonly maximumConcurrency: number | undefined;
  /** `FunctionResponseTypes` includes `ReportBatchItemFailures`. @default false */
  readonly reportBatchItemFailures: boolean;
}

const DEFAULT_BATCH_SIZE = SQS_EVENT_SOURCE_LIMITS.defaultBatchSize;

function numberOr(value: unknown, fallback: number | undefined): number | undefined {
  return typeof value === 'number' ? value : fallback;
}

/** Reads the settings of one mapping (already resolved). */
export function sqsEventSourceSettings(mapping: LocalEventSourceMapping): SqsEventSourceSettings {
  const { BatchSize, MaximumBatchingWindowInSeconds, ScalingConfig, FunctionResponseTypes } = mapping.properties;
  return {
    batchSize: numberOr(BatchSize, DEFAULT_BATCH_SIZE) ?? DEFAULT_BATCH_SIZE,
    maximumBatchingWindowSeconds: numberOr(MaximumBatchingWindowInSeconds, 0) ?? 0,
    maximumConcurrency: isJsonObject(ScalingConfig) ? numberOr(ScalingConfig['MaximumConcurrency'], undefined) : undefined,
    reportBatchItemFailures: Array.isArray(FunctionResponseTypes) && FunctionResponseTypes.includes('ReportBatchItemFailures'),
  };
}
