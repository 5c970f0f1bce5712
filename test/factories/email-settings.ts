import type { EmailWorkerSettings } from '../../runtime/email-worker/load-settings';

/** Email worker settings as the stack would set them; override any. */
export function anEmailWorkerSettings(overrides: Partial<EmailWorkerSettings> = {}): EmailWorkerSettings {
  return {
    queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/email-jobs',
    deadLetterQueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/email-jobs-dlq',
    idempotencyTableName: 'email-idempotency',
    idempotencyTtlSeconds: 3600,
    emailFrom: 'noreply@example.com',
    smtpUrl: undefined,
    visibilityTimeoutSeconds: 180,
    jobTimeoutSeconds: 30,
    retryBaseDelaySeconds: 5,
    workerConcurrency: 10,
    maxReceiveCount: 5,
    ...overrides,
  };
}
