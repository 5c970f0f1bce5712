/**
 * The environment and entry point of each local email consumer process: the template's
 * environment plus what the emulators need (endpoints through the SDK's standard variables, a
 * region, fake credentials) and the SMTP sink with a per-worker login.
 */
import { join } from 'node:path';
import { EMAIL_WORKER_ENV } from '../../lambda/email-worker/settings';
import { eventSourceConfigEnvironment } from '../sqs/sqs-event-source-child-config';
import type { ConsumerProcessSpec } from './consumer-processes';
import { REPOSITORY_ROOT } from './consumer-processes';
import type { EmailConsumerMode, EmailLocalStack } from './email-local-stack';

/** Where the consumers find the emulators. */
export interface LocalEndpoints {
  readonly sqs: string;
  readonly dynamoDb: string;
  /** SMTP URL for one worker (see SmtpSink.urlForUser). */
  smtpUrlFor(workerId: string): string;
}

/** Lambda starts SQS polling with 5 concurrent batches when no MaximumConcurrency is set. */
const DEFAULT_LAMBDA_CONCURRENCY = 5;

const FARGATE_ENTRY = 'lambda/email-worker/worker.ts';
const LAMBDA_RUNNER_ENTRY = 'local/sqs/sqs-event-source-main.ts';
const LAMBDA_HANDLER_MODULE = join(REPOSITORY_ROOT, 'lambda/email-worker/handler.ts');

function baseEnvironment(stack: EmailLocalStack, endpoints: LocalEndpoints, workerId: string): Record<string, string> {
  return {
    ...stack.environment,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamoDb,
    [EMAIL_WORKER_ENV.smtpUrl]: endpoints.smtpUrlFor(workerId),
  };
}

/**
 * Splits the mapping's MaximumConcurrency across the lambda-mode processes so that, together, they
 * never run more invocations than the template allows. Returns one share per process (≥ 1 each).
 */
export function concurrencyShares(total: number, processes: number): number[] {
  const count = Math.max(1, Math.min(processes, total));
  return Array.from({ length: count }, (_, index) => Math.floor(total / count) + (index < total % count ? 1 : 0));
}

/** One spec per consumer process: `worker.ts` tasks (fargate) or event-source runner slices (lambda). */
export function consumerProcessSpecs(
  mode: EmailConsumerMode,
  stack: EmailLocalStack,
  endpoints: LocalEndpoints,
  workers: number,
): ConsumerProcessSpec[] {
  if (mode === 'fargate' || stack.lambda === undefined) {
    return Array.from({ length: workers }, (_, index) => {
      const id = `worker-${index + 1}`;
      return { id, entry: FARGATE_ENTRY, env: baseEnvironment(stack, endpoints, id) };
    });
  }
  const lambda = stack.lambda;
  return concurrencyShares(lambda.settings.maximumConcurrency ?? DEFAULT_LAMBDA_CONCURRENCY, workers).map((share, index) => {
    const id = `worker-${index + 1}`;
    return {
      id,
      entry: LAMBDA_RUNNER_ENTRY,
      env: {
        ...baseEnvironment(stack, endpoints, id),
        // Set by the Lambda service; Powertools idempotency prefixes its keys with it.
        AWS_LAMBDA_FUNCTION_NAME: lambda.functionName,
        ...eventSourceConfigEnvironment({
          handlerModule: LAMBDA_HANDLER_MODULE,
          handlerExport: 'handler',
          queueUrl: stack.queueUrl,
          queueArn: lambda.queueArn,
          settings: lambda.settings,
          fn: { functionName: lambda.functionName, timeoutSeconds: lambda.timeoutSeconds, memorySizeMb: lambda.memorySizeMb, region: 'us-east-1' },
          concurrency: share,
        }),
      },
    };
  });
}
