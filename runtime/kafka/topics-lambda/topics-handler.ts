/**
 * The topics custom resource's onEvent function, built around its logger so a test can pass a quiet
 * one: the deployed function logs through Powertools at POWERTOOLS_LOG_LEVEL (default INFO), one
 * JSON line per event and per retry, which is what an operator reads when a deployment stalls.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { Admin } from '@platformatic/kafka';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { kafkaConnectionFromEnv } from '../analytics-member/kafka-connection';
import { KAFKA_ENV } from '../kafka-names';
import { ADMIN_RETRY_DEFAULTS, type AdminRetry } from './admin-retry';
import { describeKafkaFailures } from './kafka-failures';
import { bootstrapServersOf, handleTopicsEvent, type TopicsResourceResponse } from './topics-resource';

/** What the function needs besides the event. */
export interface TopicsHandlerDependencies {
  /** Where events, retries and failures are logged. */
  readonly logger: Logger;
}

/** The onEvent signature: the context is optional so the function can be called outside Lambda. */
export type TopicsHandler = (event: CloudFormationCustomResourceEvent, context?: Context) => Promise<TopicsResourceResponse>;

const REQUEST_TIMEOUT_MS = 30_000;
/** Time kept back from the Lambda timeout: one more request may run to its timeout, then the answer. */
const RESERVED_MS = REQUEST_TIMEOUT_MS + 5_000;
/** Retry budget when there is no Lambda context (a direct call): well inside the 2-minute timeout the stack sets. */
const BUDGET_WITHOUT_CONTEXT_MS = 60_000;

/** Retries end before the function would time out, so CloudFormation gets the real reason. */
function adminRetry(logger: Logger, context: Context | undefined): AdminRetry {
  const budget = context === undefined ? BUDGET_WITHOUT_CONTEXT_MS : context.getRemainingTimeInMillis() - RESERVED_MS;
  return {
    policy: { ...ADMIN_RETRY_DEFAULTS, deadline: Date.now() + budget },
    onRetry: ({ step, failedAttempts, delayMs, failures }) => {
      logger.warn('Retrying a Kafka admin call', { step, failedAttempts, delayMs, kafkaErrors: describeKafkaFailures(failures) });
    },
  };
}

function connectAdmin(event: CloudFormationCustomResourceEvent): Admin {
  const connection = kafkaConnectionFromEnv({
    ...process.env,
    [KAFKA_ENV.bootstrapServers]: bootstrapServersOf(event),
    [KAFKA_ENV.auth]: process.env[KAFKA_ENV.auth] ?? 'iam',
  });
  // The client's own retries are off (fixed 1 s, without jitter or deadline): admin-retry.ts retries
  // each topic as a whole instead. Bounded connect: an unreachable broker fails in seconds per attempt.
  return new Admin({ clientId: 'queue-or-stream-topics', ...connection, connectTimeout: 10_000, requestTimeout: REQUEST_TIMEOUT_MS, retries: 0 });
}

export function createTopicsHandler({ logger }: TopicsHandlerDependencies): TopicsHandler {
  return async (event, context) => {
    if (context !== undefined) logger.addContext(context);
    const about = { requestType: event.RequestType, logicalResourceId: event.LogicalResourceId, stackId: event.StackId };
    let admin: Admin | undefined;
    try {
      const response = await handleTopicsEvent(event, async () => {
        admin = connectAdmin(event);
        return admin;
      }, { retry: adminRetry(logger, context) });
      logger.info('Topics event handled', { ...about, response });
      return response;
    } catch (error) {
      logger.error('Topics event failed', { ...about, error: error as Error });
      throw error;
    } finally {
      await admin?.close().catch(() => undefined);
    }
  };
}
