/**
 * The environment and entry point of each local email consumer process: the template's
 * environment plus what the emulators need (endpoints through the SDK's standard variables, a
 * region, fake credentials) and the SMTP sink with a per-worker login.
 */
import { join } from 'node:path';
import { EMAIL_WORKER_ENV } from '../../runtime/email-worker/settings';
import { EMULATOR_REGION, emulatorEnvironment } from '../emulators/emulator-clients';
import { eventSourceConfigEnvironment } from './sqs-event-source/sqs-event-source-child-config';
import type { ConsumerProcessSpec } from './consumer-processes';
import { REPOSITORY_ROOT } from './consumer-processes';
import type { EmailConsumerMode } from '../../runtime/email-worker/email-worker-choices';
import type { LocalEmailResources } from './local-email-resources';

/** Where the consumers find the emulators. */
export interface LocalEndpoints {
  readonly sqs: string;
  readonly dynamoDb: string;
  /** SMTP URL for one worker (see SmtpSink.urlForUser). */
  smtpUrlFor(workerId: string): string;
}

/** Lambda starts SQS polling with 5 concurrent batches when no MaximumConcurrency is set. */
const DEFAULT_LAMBDA_CONCURRENCY = 5;

const FARGATE_ENTRY = 'runtime/email-worker/worker.ts';
const LAMBDA_RUNNER_ENTRY = 'local/email/sqs-event-source/sqs-event-source-main.ts';
const LAMBDA_HANDLER_MODULE = join(REPOSITORY_ROOT, 'runtime/email-worker/handler.ts');

function baseEnvironment(resources: LocalEmailResources, endpoints: LocalEndpoints, workerId: string): Record<string, string> {
  return {
    ...resources.environment,
    ...emulatorEnvironment({ sqs: endpoints.sqs, dynamoDb: endpoints.dynamoDb }),
    [EMAIL_WORKER_ENV.smtpUrl]: endpoints.smtpUrlFor(workerId),
  };
}

/**
 * Lambda-mode processes: each is one execution environment (one invocation at a time, see
 * sqs-event-source-runner.ts), so there are never more of them than the mapping's
 * MaximumConcurrency allows.
 */
function lambdaEnvironmentCount(maximumConcurrency: number, workers: number): number {
  return Math.max(1, Math.min(workers, maximumConcurrency));
}

/** One spec per consumer process: `worker.ts` tasks (fargate) or event-source runner slices (lambda). */
export function consumerProcessSpecs(
  mode: EmailConsumerMode,
  resources: LocalEmailResources,
  endpoints: LocalEndpoints,
  workers: number,
): ConsumerProcessSpec[] {
  if (mode === 'fargate' || resources.lambda === undefined) {
    return Array.from({ length: workers }, (_, index) => {
      const id = `worker-${index + 1}`;
      return { id, entry: FARGATE_ENTRY, env: baseEnvironment(resources, endpoints, id) };
    });
  }
  const lambda = resources.lambda;
  const environments = lambdaEnvironmentCount(lambda.settings.maximumConcurrency ?? DEFAULT_LAMBDA_CONCURRENCY, workers);
  return Array.from({ length: environments }, (_, index) => {
    const id = `worker-${index + 1}`;
    return {
      id,
      entry: LAMBDA_RUNNER_ENTRY,
      env: {
        ...baseEnvironment(resources, endpoints, id),
        // Set by the Lambda service; Powertools idempotency prefixes its keys with it.
        AWS_LAMBDA_FUNCTION_NAME: lambda.functionName,
        ...eventSourceConfigEnvironment({
          handlerModule: LAMBDA_HANDLER_MODULE,
          handlerExport: 'handler',
          queueUrl: resources.queueUrl,
          queueArn: lambda.queueArn,
          settings: lambda.settings,
          fn: { functionName: lambda.functionName, timeoutSeconds: lambda.timeoutSeconds, memorySizeMb: lambda.memorySizeMb, region: EMULATOR_REGION },
          // One poller: an environment never holds a batch it cannot start yet.
          concurrency: 1,
        }),
      },
    };
  });
}
