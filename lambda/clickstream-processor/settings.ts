/** Environment variable names the clickstream processor reads; the stack and `local/` import them. */
export const CLICKSTREAM_PROCESSOR_ENV = {
  /** DynamoDB table of per-user session state (partition key `userId`). */
  sessionTableName: 'SESSION_TABLE_NAME',
  /** Inactivity after which a user's next event starts a new session, in seconds. */
  sessionTimeoutSeconds: 'SESSION_TIMEOUT_SECONDS',
} as const;
