/**
 * Before a remote Kafka run sends anything: do the deployed brokers answer a metadata request from
 * here? A short, bounded probe, so a laptop outside the VPC learns in seconds what to do instead of
 * waiting out the run's deadline.
 */
import { Admin } from '@platformatic/kafka';
import type { KafkaClientAuth } from '../../runtime/kafka/analytics-member/kafka-connection';
import type { DeployedKafka } from './deployed-stacks';
import { KafkaAccessDeniedError, KafkaBrokersUnreachableError } from './kafka-target-errors';

/** A TCP connection to a broker in the same VPC opens in milliseconds; 5 s only rides out a slow DNS answer. */
const PROBE_CONNECT_TIMEOUT_MS = 5_000;

/** @platformatic/kafka's code for a failed SASL authentication. */
const AUTHENTICATION_ERROR_CODE = 'PLT_KFK_AUTHENTICATION';

/** True when `error`, or an error it aggregates or wraps, is an authentication failure. */
export function isAuthenticationFailure(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  if ((error as Error & { code?: unknown }).code === AUTHENTICATION_ERROR_CODE) return true;
  const nested = [...((error as Error & { errors?: unknown[] }).errors ?? []), error.cause];
  return nested.some((inner) => isAuthenticationFailure(inner, depth + 1));
}

/**
 * Resolves when the brokers list their topics.
 * @throws KafkaAccessDeniedError when they refuse the credentials; KafkaBrokersUnreachableError when they do not answer.
 */
export async function assertKafkaReachable(deployment: DeployedKafka, auth: KafkaClientAuth, connectTimeoutMs = PROBE_CONNECT_TIMEOUT_MS): Promise<void> {
  const admin = new Admin({
    clientId: 'queue-or-stream-remote-probe',
    bootstrapBrokers: [...deployment.bootstrapServers],
    ...auth,
    retries: 0,
    connectTimeout: connectTimeoutMs,
    requestTimeout: 2 * connectTimeoutMs,
  });
  try {
    await admin.listTopics();
  } catch (error) {
    const cause = error instanceof Error ? error : new Error(String(error));
    throw isAuthenticationFailure(cause) ? new KafkaAccessDeniedError(deployment, cause) : new KafkaBrokersUnreachableError(deployment, cause);
  } finally {
    await admin.close().catch(() => undefined);
  }
}
