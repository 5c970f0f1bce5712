/**
 * The Kafka clickstream's names: topics, consumer groups and the stack's pattern name. Plain
 * constants (no aws-cdk-lib, no Kafka client import), so the stack, the runtime, the local broker
 * harness and the remote runs all read the same values.
 */

/** Topics of the Kafka clickstream. */
export const KAFKA_TOPICS = {
  /** The clickstream events, keyed by `userId` (the same partition key as the Kinesis pattern). */
  clickstream: 'clickstream',
  /** Each user's latest session state, keyed by `userId`, `cleanup.policy=compact`. */
  sessions: 'clickstream-sessions',
  /** Records the sessionizer's event source mapping gave up on (its on-failure destination). */
  deadLetter: 'clickstream-dlq',
} as const;

/** Consumer groups of the Kafka clickstream. */
export const KAFKA_GROUPS = {
  /** The Lambda consumer through the MSK event source mapping. */
  sessionizer: 'sessionizer',
  /** Competing members (Fargate tasks in AWS, N processes locally). */
  analytics: 'analytics',
  /** A late reader from the earliest offset. */
  replayEarliest: 'replay-earliest',
  /** A late reader that seeks by timestamp. */
  replayTimestamp: 'replay-timestamp',
} as const;

/** Pattern name in the Kafka stack's name (`QueueOrStream[-<stage>]-Kafka`). */
export const KAFKA_PATTERN = 'Kafka';

/** Environment variables the Kafka runtime reads (the stack sets them; local runs set them too). */
export const KAFKA_ENV = {
  /** Comma-separated `host:port` list. Locally it also points every run at an existing broker. */
  bootstrapServers: 'KAFKA_BOOTSTRAP_SERVERS',
  /** `iam` (MSK IAM auth over TLS, SASL OAUTHBEARER) or `none` (plaintext, the local broker). */
  auth: 'KAFKA_AUTH',
} as const;

/** The values {@link KAFKA_ENV}.auth accepts. */
export const KAFKA_AUTH_MODES = ['iam', 'none'] as const;
