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
} as const;
