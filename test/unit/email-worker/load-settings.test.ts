import { EmailWorkerSettingsError } from '../../../lambda/email-worker/errors';
import { loadEmailWorkerSettings } from '../../../lambda/email-worker/load-settings';

function completeEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs',
    DEAD_LETTER_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs-dlq',
    IDEMPOTENCY_TABLE_NAME: 'idempotency',
    EMAIL_FROM: 'noreply@example.com',
    VISIBILITY_TIMEOUT_SECONDS: '180',
    JOB_TIMEOUT_SECONDS: '30',
    ...overrides,
  };
}

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadEmailWorkerSettings(env);
  } catch (error) {
    if (error instanceof EmailWorkerSettingsError) return error.problems;
    throw error;
  }
  throw new Error('expected EmailWorkerSettingsError');
}

describe('loadEmailWorkerSettings', () => {
  it('reads the required variables and applies the defaults', () => {
    // Act
    const settings = loadEmailWorkerSettings(completeEnv());
    // Assert
    expect(settings).toEqual({
      queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs',
      deadLetterQueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs-dlq',
      idempotencyTableName: 'idempotency',
      idempotencyTtlSeconds: 345_600,
      emailFrom: 'noreply@example.com',
      smtpUrl: undefined,
      visibilityTimeoutSeconds: 180,
      jobTimeoutSeconds: 30,
      retryBaseDelaySeconds: 30,
      workerConcurrency: 10,
    });
  });

  it('keeps an explicit zero retry delay (defaults resolve with ??, not ||)', () => {
    expect(loadEmailWorkerSettings(completeEnv({ RETRY_BASE_DELAY_SECONDS: '0' })).retryBaseDelaySeconds).toBe(0);
  });

  it('lists every missing variable at once', () => {
    // Act
    const problems = problemsOf({});
    // Assert
    expect(problems).toEqual([
      'QUEUE_URL is required',
      'DEAD_LETTER_QUEUE_URL is required',
      'IDEMPOTENCY_TABLE_NAME is required',
      'EMAIL_FROM is required',
      'VISIBILITY_TIMEOUT_SECONDS is required',
      'JOB_TIMEOUT_SECONDS is required',
    ]);
  });

  it.each([
    ['WORKER_CONCURRENCY', '0', 'WORKER_CONCURRENCY must be an integer from 1 to 1000, got "0"'],
    ['VISIBILITY_TIMEOUT_SECONDS', '43201', 'VISIBILITY_TIMEOUT_SECONDS must be an integer from 1 to 43200, got "43201"'],
    ['RETRY_BASE_DELAY_SECONDS', '1.5', 'RETRY_BASE_DELAY_SECONDS must be an integer from 0 to 43200, got "1.5"'],
    ['EMAIL_FROM', 'noreply', 'EMAIL_FROM must be an email address, got "noreply"'],
  ])('rejects %s=%s', (name, value, expected) => {
    expect(problemsOf(completeEnv({ [name]: value }))).toEqual([expected]);
  });

  it('rejects a job timeout that is not shorter than the visibility timeout', () => {
    expect(problemsOf(completeEnv({ JOB_TIMEOUT_SECONDS: '180' }))).toEqual([
      'JOB_TIMEOUT_SECONDS (180) must be less than VISIBILITY_TIMEOUT_SECONDS (180)',
    ]);
  });

  it('names the error and lists the problems in its message', () => {
    expect(() => loadEmailWorkerSettings({})).toThrow(/invalid email worker settings:\n {2}- QUEUE_URL is required/);
  });
});
