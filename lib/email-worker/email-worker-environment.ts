/**
 * The environment variables both email consumers get: the contract in runtime/email-worker/settings.ts
 * (names imported, never spelled twice) plus Powertools' service and namespace.
 */
import type { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { EMAIL_WORKER_ENV } from '../../runtime/email-worker/settings';
import { POWERTOOLS_ENV } from './email-worker-metrics';

/** What the runtime needs to know, in infrastructure terms. */
export interface EmailWorkerEnvironmentInput {
  /** The jobs queue. */
  readonly queue: IQueue;
  /** Its dead-letter queue (permanent failures are moved there at once). */
  readonly deadLetterQueue: IQueue;
  /** The idempotency table. */
  readonly idempotencyTable: ITable;
  /** How long a processed job is remembered. */
  readonly idempotencyTtl: Duration;
  /** The sender address. */
  readonly emailFrom: string;
  /** The queue's visibility timeout. */
  readonly visibilityTimeout: Duration;
  /** Upper bound for one job. */
  readonly jobTimeout: Duration;
  /** First retry delay after a transient failure. */
  readonly retryBaseDelay: Duration;
  /** The queue's redrive maxReceiveCount (the runtime re-checks the retry schedule against it). */
  readonly maxReceiveCount: number;
}

/** Builds the consumers' environment variables. */
export function emailWorkerEnvironment(input: EmailWorkerEnvironmentInput): Record<string, string> {
  return {
    [EMAIL_WORKER_ENV.queueUrl]: input.queue.queueUrl,
    [EMAIL_WORKER_ENV.deadLetterQueueUrl]: input.deadLetterQueue.queueUrl,
    [EMAIL_WORKER_ENV.idempotencyTableName]: input.idempotencyTable.tableName,
    [EMAIL_WORKER_ENV.idempotencyTtlSeconds]: String(input.idempotencyTtl.toSeconds()),
    [EMAIL_WORKER_ENV.emailFrom]: input.emailFrom,
    [EMAIL_WORKER_ENV.visibilityTimeoutSeconds]: String(input.visibilityTimeout.toSeconds()),
    [EMAIL_WORKER_ENV.jobTimeoutSeconds]: String(input.jobTimeout.toSeconds()),
    [EMAIL_WORKER_ENV.retryBaseDelaySeconds]: String(input.retryBaseDelay.toSeconds()),
    [EMAIL_WORKER_ENV.maxReceiveCount]: String(input.maxReceiveCount),
    ...POWERTOOLS_ENV,
  };
}
