/**
 * Wires the email worker from its settings: mailer, idempotent sender, DLQ/backoff disposition,
 * logger and metrics. Both adapters build the same runtime; tests inject clients and a mailer.
 */
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { dynamoDbClient, sqsClient } from '../shared/aws-clients';
import { createEmailMessageProcessor, type EmailMessageProcessor } from './email-message-processor';
import { createIdempotentJobSender } from './job';
import type { EmailWorkerSettings } from './load-settings';
import { createMailer, type Mailer } from './mailer';
import { MessageDisposition } from './message-disposition';
import { createEmailWorkerLogger, createEmailWorkerMetrics, EMAIL_WORKER_METRICS } from './observability';

/** Overrides for tests and benchmarks. */
export interface EmailWorkerDependencies {
  /** @default the shared client from lambda/shared/aws-clients */
  readonly sqs?: SQSClient;
  /** Client of the idempotency table. @default the shared client from lambda/shared/aws-clients */
  readonly dynamoDb?: DynamoDBClient;
  /** @default a DynamoDBPersistenceLayer on the settings' table, through `dynamoDb` */
  readonly persistenceStore?: BasePersistenceLayer;
  /** @default nodemailer built from the settings (SMTP when SMTP_URL is set, else SES v2) */
  readonly mailer?: Mailer;
  /** @default the email worker's Powertools Logger */
  readonly logger?: Logger;
  /** @default the email worker's Powertools Metrics */
  readonly metrics?: Metrics;
}

/** Everything an adapter needs. */
export interface EmailWorkerRuntime {
  readonly processMessage: EmailMessageProcessor;
  readonly sqs: SQSClient;
  readonly mailer: Mailer;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export function createEmailWorkerRuntime(
  settings: EmailWorkerSettings,
  dependencies: EmailWorkerDependencies = {},
): EmailWorkerRuntime {
  const sqs = dependencies.sqs ?? sqsClient();
  const logger = dependencies.logger ?? createEmailWorkerLogger();
  const metrics = dependencies.metrics ?? createEmailWorkerMetrics();
  const mailer =
    dependencies.mailer ??
    createMailer({
      from: settings.emailFrom,
      smtpUrl: settings.smtpUrl,
      sendTimeoutMs: settings.jobTimeoutSeconds * 1000,
    });
  const sendOnce = createIdempotentJobSender({
    mailer,
    ttlSeconds: settings.idempotencyTtlSeconds,
    persistenceStore:
      dependencies.persistenceStore ??
      new DynamoDBPersistenceLayer({
        tableName: settings.idempotencyTableName,
        awsSdkV3Client: dependencies.dynamoDb ?? dynamoDbClient(),
      }),
    onSent: () => metrics.addMetric(EMAIL_WORKER_METRICS.emailsSent, MetricUnit.Count, 1),
  });
  const disposition = new MessageDisposition({
    sqs,
    queueUrl: settings.queueUrl,
    deadLetterQueueUrl: settings.deadLetterQueueUrl,
    retryBaseDelaySeconds: settings.retryBaseDelaySeconds,
  });
  return {
    processMessage: createEmailMessageProcessor({ sendOnce, disposition, logger, metrics }),
    sqs,
    mailer,
    logger,
    metrics,
  };
}
