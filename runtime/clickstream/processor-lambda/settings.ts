/** Environment variable names the clickstream processor reads; the stack and `local/` import them. */
export const CLICKSTREAM_PROCESSOR_ENV = {
  /** DynamoDB table of per-user session state (partition key `userId`). */
  sessionTableName: 'SESSION_TABLE_NAME',
  /** Inactivity after which a user's next event starts a new session, in seconds. */
  sessionTimeoutSeconds: 'SESSION_TIMEOUT_SECONDS',
} as const;

/** The defaults of the settings above: the stacks (lib/) and the runtime take them from here. */
export const CLICKSTREAM_PROCESSOR_DEFAULTS = {
  /** 30 minutes: the conventional web-analytics session timeout (e.g. Google Analytics). */
  sessionTimeoutSeconds: 30 * 60,
} as const;
