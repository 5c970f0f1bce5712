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
import { createMailer } from './create-mailer';
import type { Mailer, SmtpMailerFactory } from './mailer';
import { MessageDisposition } from './message-disposition';
import { createEmailWorkerLogger, createEmailWorkerMetrics, EMAIL_WORKER_METRICS } from './observability';

/** Overrides for tests and benchmarks. */
export interface EmailWorkerDependencies {
  /** @default the shared client from runtime/shared/aws-clients */
  readonly sqs?: SQSClient;
  /** Client of the idempotency table. @default the shared client from runtime/shared/aws-clients */
  readonly dynamoDb?: DynamoDBClient;
  /** @default a DynamoDBPersistenceLayer on the settings' table, through `dynamoDb` */
  readonly persistenceStore?: BasePersistenceLayer;
  /** @default built from the settings: SMTP when SMTP_URL is set, else the SES v2 API (see create-mailer.ts) */
  readonly mailer?: Mailer;
  /**
   * Builds the SMTP mailer when SMTP_URL is set. A bundle that must speak SMTP passes smtp-mailer.ts's
   * `createSmtpMailer` (so the bundler includes nodemailer).
   * @default loaded from smtp-mailer.ts on first use (the Lambda bundle leaves it out)
   */
  readonly smtpMailerFactory?: SmtpMailerFactory;
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
    createMailer(
      { from: settings.emailFrom, smtpUrl: settings.smtpUrl, sendTimeoutMs: settings.jobTimeoutSeconds * 1000 },
      dependencies.smtpMailerFactory,
    );
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
