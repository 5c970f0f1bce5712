/**
 * The props of the EmailWorker construct (email-worker.ts), on their own so that the props check
 * (email-worker-validation.ts) and the construct can both read them without importing each other.
 */
import type { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { EmailConsumerMode, EmailQueueType } from '../common/app-context';
import type { EmailFargateConsumerTuning } from './email-fargate-consumer';
import type { EmailIdempotencyTableProps } from './email-idempotency-table';
import type { EmailLambdaConsumerTuning } from './email-lambda-consumer';

/** Props of EmailWorker. Every prop is optional. */
export interface EmailWorkerProps {
  /**
   * Which runtime consumes the queue.
   * @default 'fargate'
   */
  readonly consumers?: EmailConsumerMode;
  /**
   * The jobs queue's type. `fifo`: emails to one recipient (or one tenant, when the job names a
   * `tenantId`) go out in the order they were enqueued, and SQS drops a resend of a jobId within
   * 5 minutes; the consumers keep that order (one job per group at a time). `standard`: best-effort
   * order, nearly unlimited throughput; the idempotency table alone stops duplicates.
   * Standard queues do not use SQS fair queues (MessageGroupId on a standard queue) here: see README
   * "Fair queues". FIFO is not a fair queue either: one busy group holds back only itself.
   * Excludes `existingQueue`.
   * @default 'standard'
   */
  readonly queueType?: EmailQueueType;
  /**
   * Use your own jobs queue instead of creating one (with `existingDeadLetterQueue`, its DLQ). It
   * must be a `Queue` defined in this app with a redrive policy: its visibility timeout, retention
   * and maxReceiveCount are read from it, and its visibility timeout must be at least 6 × the
   * function timeout (lambda) or 2 × jobTimeout (fargate). An imported queue, or settings given as
   * tokens, are refused: those values cannot be read at synth. Not checked: that the redrive policy
   * names `existingDeadLetterQueue` (both ARNs are tokens). Excludes `queueType`, `maxReceiveCount`
   * and `encryptionKey` (configure your queue itself).
   * @default a new encrypted queue with a DLQ, sized from jobTimeout
   */
  readonly existingQueue?: IQueue;
  /**
   * The dead-letter queue of `existingQueue` (given together with it).
   * @default a new dead-letter queue
   */
  readonly existingDeadLetterQueue?: IQueue;
  /**
   * Use your own idempotency table: partition key `id` (string), TTL attribute `expiration`
   * (Powertools idempotency's schema; not checkable at synth). Excludes `idempotencyTableProps`.
   * @default a new on-demand table with TTL and point-in-time recovery
   */
  readonly existingIdempotencyTable?: ITable;
  /**
   * Settings of the idempotency table created for you. Excludes `existingIdempotencyTable`.
   * @default EmailIdempotencyTable's defaults (removalPolicy DESTROY)
   */
  readonly idempotencyTableProps?: Omit<EmailIdempotencyTableProps, 'existingTable'>;
  /**
   * Add the SNS→SQS fan-out of user signups: a topic delivering welcome-email jobs to this worker's
   * queue and every signup to an analytics queue (see lib/fanout/signup-fanout.ts). It lives here
   * because it must add its statement to the email queue's policy, which this construct owns
   * (a second AWS::SQS::QueuePolicy on the same queue from another stack would replace it).
   * Needs a standard queue.
   * @default false
   */
  readonly signupFanout?: boolean;
  /**
   * Sender address; its address or domain must be a verified SES identity.
   * @default none: synth works, deploy is refused with "emailFrom is missing: ..."
   */
  readonly emailFrom?: string;
  /**
   * Upper bound for one job, in whole seconds. Every other timeout (visibility, function,
   * stopTimeout) derives from it.
   * @default 30 seconds (an SES API call takes well under a second; this leaves room for throttling)
   */
  readonly jobTimeout?: Duration;
  /**
   * First retry delay after a transient failure, in whole seconds; doubles per receive (set with
   * ChangeMessageVisibility, so independent of the visibility timeout), capped at 15 minutes
   * (MAX_RETRY_DELAY_SECONDS in runtime/email-worker/retry-delay.ts).
   * @default 30 seconds (EMAIL_WORKER_DEFAULTS in runtime/email-worker/settings.ts: 30 s, 1 min, 2 min, 4 min gives a throttled SES account time to recover)
   */
  readonly retryBaseDelay?: Duration;
  /**
   * Receives before SQS dead-letters a job (1–1000). The schedule it gives must outlast a killed
   * job's idempotency lease (checked). Excludes `existingQueue`.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * KMS key for both queues. Excludes `existingQueue`.
   * @default SSE-SQS
   */
  readonly encryptionKey?: IKey;
  /**
   * Age of the oldest job that raises an alarm.
   * @default 15 minutes
   */
  readonly oldestMessageAgeThreshold?: Duration;
  /**
   * Tuning of the Lambda consumer (only with consumers 'lambda').
   * @default EmailLambdaConsumer's defaults
   */
  readonly lambdaConsumer?: EmailLambdaConsumerTuning;
  /**
   * Tuning of the Fargate consumer (only with consumers 'fargate').
   * @default EmailFargateConsumer's defaults
   */
  readonly fargateConsumer?: EmailFargateConsumerTuning;
  /**
   * The only principals that may enqueue jobs (IAM roles, users or ARN principals). When given, the
   * queue policy denies `sqs:SendMessage` to every other principal except the account root user, and
   * the queue policy allows it to each producer. Whoever redrives the DLQ must be a producer too:
   * StartMessageMoveTask needs sqs:SendMessage on the destination queue.
   * @default none: any principal of this account whose IAM policy allows sqs:SendMessage on the
   *   queue may enqueue (SQS's default; the queue policy only denies non-TLS access)
   */
  readonly producers?: IGrantable[];
}
