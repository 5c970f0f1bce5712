import { EmailWorkerSettingsError } from './errors';
import { earliestRedeliveryWithHeartbeat } from '../shared/sqs-poller/visibility-heartbeat';
import { describeRetryScheduleProblem } from './retry-schedule';
import { EMAIL_WORKER_DEFAULTS, EMAIL_WORKER_ENV } from './settings';

/** The email worker's settings, parsed and checked. */
export interface EmailWorkerSettings {
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  readonly idempotencyTableName: string;
  /** @default 345600 (4 days, EMAIL_WORKER_DEFAULTS.idempotencyTtlSeconds) */
  readonly idempotencyTtlSeconds: number;
  readonly emailFrom: string;
  /** SMTP server URL; when undefined mail goes through the SES v2 API. @default undefined */
  readonly smtpUrl: string | undefined;
  readonly visibilityTimeoutSeconds: number;
  readonly jobTimeoutSeconds: number;
  /** @default 30 (EMAIL_WORKER_DEFAULTS.retryBaseDelaySeconds) */
  readonly retryBaseDelaySeconds: number;
  /** @default 10 (EMAIL_WORKER_DEFAULTS.workerConcurrency) */
  readonly workerConcurrency: number;
  /** The queue's redrive maxReceiveCount. @default 5 (EMAIL_WORKER_DEFAULTS.maxReceiveCount) */
  readonly maxReceiveCount: number;
}

/** SQS maximum visibility timeout: 12 hours. */
const MAX_VISIBILITY_TIMEOUT_SECONDS = 43_200;

type Env = Readonly<Record<string, string | undefined>>;

class SettingsReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  text(name: string): string {
    const value = this.env[name]?.trim();
    if (value === undefined || value === '') {
      this.problems.push(`${name} is required`);
      return '';
    }
    return value;
  }

  optionalText(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: string, range: { min: number; max: number }, fallback?: number): number {
    const raw = this.env[name]?.trim();
    if (raw === undefined || raw === '') {
      if (fallback !== undefined) return fallback;
      this.problems.push(`${name} is required`);
      return range.min;
    }
    const value = Number(raw);
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      this.problems.push(`${name} must be an integer from ${range.min} to ${range.max}, got ${JSON.stringify(raw)}`);
      return range.min;
    }
    return value;
  }
}

/**
 * Reads every {@link EMAIL_WORKER_ENV} variable once. Throws {@link EmailWorkerSettingsError}
 * listing every missing or invalid variable, not just the first.
 */
export function loadEmailWorkerSettings(env: Env = process.env): EmailWorkerSettings {
  const read = new SettingsReader(env);
  const settings: EmailWorkerSettings = {
    queueUrl: read.text(EMAIL_WORKER_ENV.queueUrl),
    deadLetterQueueUrl: read.text(EMAIL_WORKER_ENV.deadLetterQueueUrl),
    idempotencyTableName: read.text(EMAIL_WORKER_ENV.idempotencyTableName),
    idempotencyTtlSeconds: read.integer(
      EMAIL_WORKER_ENV.idempotencyTtlSeconds,
      { min: 60, max: 30 * 24 * 3600 },
      EMAIL_WORKER_DEFAULTS.idempotencyTtlSeconds,
    ),
    emailFrom: read.text(EMAIL_WORKER_ENV.emailFrom),
    smtpUrl: read.optionalText(EMAIL_WORKER_ENV.smtpUrl),
    visibilityTimeoutSeconds: read.integer(EMAIL_WORKER_ENV.visibilityTimeoutSeconds, {
      min: 1,
      max: MAX_VISIBILITY_TIMEOUT_SECONDS,
    }),
    jobTimeoutSeconds: read.integer(EMAIL_WORKER_ENV.jobTimeoutSeconds, { min: 1, max: MAX_VISIBILITY_TIMEOUT_SECONDS }),
    retryBaseDelaySeconds: read.integer(
      EMAIL_WORKER_ENV.retryBaseDelaySeconds,
      { min: 0, max: MAX_VISIBILITY_TIMEOUT_SECONDS },
      EMAIL_WORKER_DEFAULTS.retryBaseDelaySeconds,
    ),
    workerConcurrency: read.integer(EMAIL_WORKER_ENV.workerConcurrency, { min: 1, max: 1000 }, EMAIL_WORKER_DEFAULTS.workerConcurrency),
    // SQS redrive policy: maxReceiveCount 1 to 1000.
    maxReceiveCount: read.integer(EMAIL_WORKER_ENV.maxReceiveCount, { min: 1, max: 1000 }, EMAIL_WORKER_DEFAULTS.maxReceiveCount),
  };
  if (settings.emailFrom !== '' && !settings.emailFrom.includes('@')) {
    read.problems.push(`${EMAIL_WORKER_ENV.emailFrom} must be an email address, got ${JSON.stringify(settings.emailFrom)}`);
  }
  // A crashed job's idempotency lease (= job timeout) must expire before SQS redelivers the message.
  if (read.problems.length === 0 && settings.jobTimeoutSeconds >= settings.visibilityTimeoutSeconds) {
    read.problems.push(
      `${EMAIL_WORKER_ENV.jobTimeoutSeconds} (${settings.jobTimeoutSeconds}) must be less than ` +
        `${EMAIL_WORKER_ENV.visibilityTimeoutSeconds} (${settings.visibilityTimeoutSeconds})`,
    );
  }
  if (read.problems.length === 0) {
    // The Fargate worst case (lease = job timeout, heartbeat): stricter than Lambda's, whose
    // messages come back only after the whole visibility timeout (6 × the function timeout).
    const scheduleProblem = describeRetryScheduleProblem(
      {
        leaseSeconds: settings.jobTimeoutSeconds,
        earliestRedeliverySeconds: earliestRedeliveryWithHeartbeat(settings.visibilityTimeoutSeconds),
        retryBaseDelaySeconds: settings.retryBaseDelaySeconds,
        maxReceiveCount: settings.maxReceiveCount,
      },
      { maxReceiveCount: EMAIL_WORKER_ENV.maxReceiveCount, retryBaseDelay: EMAIL_WORKER_ENV.retryBaseDelaySeconds },
    );
    if (scheduleProblem !== undefined) read.problems.push(scheduleProblem);
  }
  if (read.problems.length > 0) throw new EmailWorkerSettingsError(read.problems);
  return settings;
}
