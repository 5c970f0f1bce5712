import { EmailWorkerSettingsError } from '../../../runtime/email-worker/errors';
import { loadEmailWorkerSettings } from '../../../runtime/email-worker/load-settings';
import { EMAIL_WORKER_DEFAULTS } from '../../../runtime/email-worker/settings';

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
      maxReceiveCount: 5,
    });
  });

  it('takes its defaults from the settings contract the stack uses too', () => {
    const settings = loadEmailWorkerSettings(completeEnv());
    expect(settings).toMatchObject({
      idempotencyTtlSeconds: EMAIL_WORKER_DEFAULTS.idempotencyTtlSeconds,
      retryBaseDelaySeconds: EMAIL_WORKER_DEFAULTS.retryBaseDelaySeconds,
      workerConcurrency: EMAIL_WORKER_DEFAULTS.workerConcurrency,
      maxReceiveCount: EMAIL_WORKER_DEFAULTS.maxReceiveCount,
    });
  });

  it('refuses a retry schedule that ends before a killed job\'s idempotency lease expires, naming the values and the fix', () => {
    // 5 s jobs, fargate visibility 10 s, 1 s first retry, 4 receives: enough for the lease, not for a kill before the job starts too
    const problems = problemsOf(
      completeEnv({ JOB_TIMEOUT_SECONDS: '5', VISIBILITY_TIMEOUT_SECONDS: '10', RETRY_BASE_DELAY_SECONDS: '1', MAX_RECEIVE_COUNT: '4' }),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^the retry schedule ends before the idempotency lease expires: with MAX_RECEIVE_COUNT 4 \(1 kept for a worker killed before the job starts, which spends a receive\) and RETRY_BASE_DELAY_SECONDS 1 s, .*; raise MAX_RECEIVE_COUNT to 5, or raise RETRY_BASE_DELAY_SECONDS to 2 s$/,
      ),
    ]);
  });

  it('accepts the same settings with one more receive (the check above could fail)', () => {
    const env = completeEnv({ JOB_TIMEOUT_SECONDS: '5', VISIBILITY_TIMEOUT_SECONDS: '10', RETRY_BASE_DELAY_SECONDS: '1', MAX_RECEIVE_COUNT: '5' });
    expect(loadEmailWorkerSettings(env).maxReceiveCount).toBe(5);
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
