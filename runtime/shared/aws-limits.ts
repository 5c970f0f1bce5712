/**
 * AWS service limits the project sizes itself by: one object per service, each value with the
 * document it comes from (checked November–December 2026, DESIGN.md "Facts checked"). The bottom
 * layer, so the runtime, the stacks (lib/), the local harness, the benchmarks and the advisor read
 * the same numbers. A project rule that is stricter than AWS (no infinite retries) is not an AWS
 * limit and lives with the code that enforces it.
 */

/** Amazon SQS ("Amazon SQS quotas", SQS developer guide; SendMessage/ReceiveMessage API reference). */
export const SQS_LIMITS = {
  /** SendMessageBatch, DeleteMessageBatch, ChangeMessageVisibilityBatch and ReceiveMessage: 10 entries per call. */
  maxBatchEntries: 10,
  /** Largest message, and largest total payload of one batch call: 1 MiB. */
  maxMessageBytes: 1_048_576,
  /** Longest long poll (`WaitTimeSeconds`): 20 s. */
  maxWaitTimeSeconds: 20,
  /** Redrive policy `maxReceiveCount`: 1 to 1,000. */
  maxReceiveCount: 1_000,
  /** Longest visibility timeout: 12 hours. */
  maxVisibilityTimeoutSeconds: 43_200,
  /** Message retention: 60 s to 14 days (default 4 days). */
  minRetentionSeconds: 60,
  maxRetentionSeconds: 14 * 24 * 3_600,
  /** Queue names: up to 80 characters (a FIFO queue's `.fifo` suffix included). */
  maxQueueNameLength: 80,
} as const;

/** The Lambda SQS event source (CreateEventSourceMapping API reference; "Using Lambda with Amazon SQS"). */
export const SQS_EVENT_SOURCE_LIMITS = {
  /** `BatchSize` when the mapping sets none: 10. */
  defaultBatchSize: 10,
  /** Largest `BatchSize` without a batching window: 10 (one ReceiveMessage call). */
  maxBatchSizeWithoutWindow: 10,
  /** Largest `BatchSize` of a standard queue with a batching window: 10,000. */
  maxBatchSizeWithWindow: 10_000,
  /** `ScalingConfig.MaximumConcurrency`: 2 to 1,000. */
  maximumConcurrency: { min: 2, max: 1_000 },
  /** Lambda starts with five long-polling connections (batches in flight) per queue ("Scaling behavior"). */
  initialPollers: 5,
} as const;

/** Amazon Kinesis Data Streams ("Quotas and limits", Kinesis developer guide). */
export const KINESIS_LIMITS = {
  /** PutRecords accepts at most 500 records per call. */
  maxRecordsPerPutRecords: 500,
  /** PutRecords accepts at most 5 MiB per call, partition keys included. */
  maxBytesPerPutRecords: 5 * 1024 * 1024,
  /** Default maximum record size (data + partition key): 1 MiB, until raised with UpdateMaxRecordSize. */
  defaultMaxRecordBytes: 1024 * 1024,
  /** Retention: 24 h to 8,760 h (365 days). */
  retentionHours: { min: 24, max: 8_760 },
  /** A provisioned stream needs at least one shard; the upper end is an account quota. */
  minShardCount: 1,
} as const;

/**
 * The Lambda Kinesis event source (CreateEventSourceMapping API reference). `-1` means "until the
 * record expires" (retries) or "no limit" (record age); CloudFormation's defaults apply when a
 * mapping leaves a property out.
 */
export const KINESIS_EVENT_SOURCE_LIMITS = {
  /** `BatchSize`: 1 to 10,000; default 100. */
  batchSize: { min: 1, max: 10_000, default: 100 },
  /** `MaximumRetryAttempts`: -1 (infinite) to 10,000; default -1. */
  retryAttempts: { min: -1, max: 10_000, default: -1 },
  /** `MaximumRecordAgeInSeconds`: -1 (infinite) or 60 to 604,800 (7 days); default -1. */
  maxRecordAgeSeconds: { min: 60, max: 604_800, infinite: -1, default: -1 },
  /** `ParallelizationFactor`: 1 to 10 concurrent batches per shard; default 1. */
  parallelizationFactor: { min: 1, max: 10, default: 1 },
  /** `TumblingWindowInSeconds`: 0 (none) to 900. */
  tumblingWindowSeconds: { min: 0, max: 900, default: 0 },
} as const;
