/**
 * The MSK event source mapping settings the local runner plays, with the stack's defaults
 * (kafka-decisions: batch 100, TRIM_HORIZON, 2 retries, bisect, 1-hour record age, partial batch
 * response, a Kafka dead-letter topic as the on-failure destination).
 */

/** Settings of one MSK event source mapping. */
export interface MskEventSourceSettings {
  /** `BatchSize`. @default 100 */
  readonly batchSize: number;
  /** `MaximumBatchingWindowInSeconds`, in ms. @default 500 (the MSK event source default) */
  readonly batchingWindowMs: number;
  /** `StartingPosition`: where a new consumer group starts. @default 'TRIM_HORIZON' */
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** `MaximumRetryAttempts`; −1 retries until the record expires. @default 2 */
  readonly maximumRetryAttempts: number;
  /** `BisectBatchOnFunctionError`. @default true */
  readonly bisectBatchOnFunctionError: boolean;
  /** `MaximumRecordAgeInSeconds`; −1 for no limit (AWS minimum 60). @default 3600 */
  readonly maximumRecordAgeSeconds: number;
  /** `FunctionResponseTypes` includes `ReportBatchItemFailures`. @default true */
  readonly reportBatchItemFailures: boolean;
  /** The consumer group id (`AmazonManagedKafkaEventSourceConfig.ConsumerGroupId`). @default 'sessionizer' */
  readonly consumerGroupId: string;
}

/** The stack's defaults. */
export const DEFAULT_MSK_EVENT_SOURCE_SETTINGS: MskEventSourceSettings = {
  batchSize: 100,
  batchingWindowMs: 500,
  startingPosition: 'TRIM_HORIZON',
  maximumRetryAttempts: 2,
  bisectBatchOnFunctionError: true,
  maximumRecordAgeSeconds: 3600,
  reportBatchItemFailures: true,
  consumerGroupId: 'sessionizer',
};
