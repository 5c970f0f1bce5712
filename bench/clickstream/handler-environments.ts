/**
 * The environment each bundled handler is loaded with when its init time is measured: what its
 * stack sets on the function, with placeholder resource names. Typed over each settings contract,
 * so a new setting is a compile error here instead of a handler that fails to load in the bench.
 */
import { CLICKSTREAM_PROCESSOR_DEFAULTS, CLICKSTREAM_PROCESSOR_ENV } from '../../runtime/clickstream/processor-lambda/settings';
import { EMAIL_WORKER_DEFAULTS, EMAIL_WORKER_ENV } from '../../runtime/email-worker/settings';

type EnvFor<Contract extends Record<string, string>> = Record<Contract[keyof Contract], string | undefined>;

/** What the Lambda runtime always sets, plus the Powertools settings every function gets. */
const LAMBDA_RUNTIME_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
  POWERTOOLS_METRICS_NAMESPACE: 'QueueOrStream/Bench',
};

const PLACEHOLDER_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/bench';

const clickstreamProcessorEnv: EnvFor<typeof CLICKSTREAM_PROCESSOR_ENV> = {
  SESSION_TABLE_NAME: 'bench-sessions',
  SESSION_TIMEOUT_SECONDS: String(CLICKSTREAM_PROCESSOR_DEFAULTS.sessionTimeoutSeconds),
};

const emailWorkerEnv: EnvFor<typeof EMAIL_WORKER_ENV> = {
  QUEUE_URL: PLACEHOLDER_QUEUE_URL,
  DEAD_LETTER_QUEUE_URL: `${PLACEHOLDER_QUEUE_URL}-dlq`,
  IDEMPOTENCY_TABLE_NAME: 'bench-idempotency',
  IDEMPOTENCY_TTL_SECONDS: '3600',
  EMAIL_FROM: 'bench@example.com',
  // Unset: in AWS mail goes through SES v2, so the bundle loads that path.
  SMTP_URL: undefined,
  VISIBILITY_TIMEOUT_SECONDS: '360',
  JOB_TIMEOUT_SECONDS: '60',
  RETRY_BASE_DELAY_SECONDS: '5',
  WORKER_CONCURRENCY: String(EMAIL_WORKER_DEFAULTS.workerConcurrency),
  MAX_RECEIVE_COUNT: String(EMAIL_WORKER_DEFAULTS.maxReceiveCount),
};

/** The clickstream processor's settings, as its stack sets them. */
export const CLICKSTREAM_PROCESSOR_LOAD_ENV = clickstreamProcessorEnv;
/** The email worker's settings, as its stack sets them (Lambda mode). */
export const EMAIL_WORKER_LOAD_ENV = emailWorkerEnv;

/**
 * The environment a handler is loaded with: the Lambda runtime's own variables, the Powertools
 * service name, and the function's settings; the machine's PATH and HOME are kept.
 */
export function handlerLoadEnv(
  serviceName: string,
  settings: Readonly<Record<string, string | undefined>> = {},
): NodeJS.ProcessEnv {
  const setSettings = Object.entries(settings).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...LAMBDA_RUNTIME_ENV,
    POWERTOOLS_SERVICE_NAME: serviceName,
    ...Object.fromEntries(setSettings),
  };
}
