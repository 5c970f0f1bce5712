/**
 * The email worker's runtime settings: the contract between the stack (which sets these
 * environment variables on the Lambda function and the Fargate task), the local environment (which
 * sets them from the synthesized template) and the runtime code (which reads them here, once).
 */

/** Environment variable names. The stack and `local/` import these; never spell them twice. */
export const EMAIL_WORKER_ENV = {
  /** URL of the jobs queue. Required by the Fargate worker; the Lambda adapter uses it for backoff. */
  queueUrl: 'QUEUE_URL',
  /** URL of the dead-letter queue: permanent failures are moved there at once, with their reason. */
  deadLetterQueueUrl: 'DEAD_LETTER_QUEUE_URL',
  /** DynamoDB table of the idempotency store (partition key `id`, TTL attribute `expiration`). */
  idempotencyTableName: 'IDEMPOTENCY_TABLE_NAME',
  /** How long a completed job is remembered, in seconds. */
  idempotencyTtlSeconds: 'IDEMPOTENCY_TTL_SECONDS',
  /** The verified SES identity mail is sent from. */
  emailFrom: 'EMAIL_FROM',
  /** When set (e.g. `smtp://127.0.0.1:2525`), mail goes over SMTP instead of the SES v2 API. */
  smtpUrl: 'SMTP_URL',
  /** The queue's visibility timeout in seconds; the Fargate worker's heartbeat is derived from it. */
  visibilityTimeoutSeconds: 'VISIBILITY_TIMEOUT_SECONDS',
  /** Upper bound for processing one job, in seconds. */
  jobTimeoutSeconds: 'JOB_TIMEOUT_SECONDS',
  /** First retry delay after a transient failure, in seconds; doubles per receive. */
  retryBaseDelaySeconds: 'RETRY_BASE_DELAY_SECONDS',
  /** Jobs one Fargate task processes at once. */
  workerConcurrency: 'WORKER_CONCURRENCY',
  /**
   * The queue's redrive maxReceiveCount: the settings refuse a retry schedule that ends before a
   * killed job's idempotency lease expires (retry-schedule.ts). Optional: the stack's default when unset.
   */
  maxReceiveCount: 'MAX_RECEIVE_COUNT',
} as const;

/**
 * The defaults of the settings above: the one place the stack (lib/) and the runtime (runtime/)
 * take them from, so a comment or a second copy cannot drift from the value in use.
 */
export const EMAIL_WORKER_DEFAULTS = {
  /** Upper bound for one job: an SES API call takes well under a second; this leaves room for throttling. */
  jobTimeoutSeconds: 30,
  /** 30 s, 1 min, 2 min, 4 min...: gives a throttled mail provider room to recover. */
  retryBaseDelaySeconds: 30,
  /** Receives before SQS dead-letters a job. */
  maxReceiveCount: 5,
  /**
   * Remember a sent job for 4 days, SQS's default retention: a message can be redelivered (or
   * redriven from the DLQ) for as long as it is retained. The stack passes its queue's retention.
   */
  idempotencyTtlSeconds: 4 * 24 * 3600,
  /** One receive batch (SQS returns at most 10 messages per call) in flight per task. */
  workerConcurrency: 10,
} as const;
