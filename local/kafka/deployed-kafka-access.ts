/**
 * How a run reaches the deployed Kafka stack: found through its outputs (a missing, failed or
 * outdated stack becomes the column's reason instead of stopping the other patterns), TLS and SASL
 * (MSK IAM), and a short, bounded probe before anything is sent, so a laptop outside the VPC learns
 * in seconds what to do instead of waiting out the run's deadline.
 */
import { Admin } from '@platformatic/kafka';
import { kafkaClientAuth, type KafkaClientAuth } from '../../runtime/kafka/analytics-member/kafka-connection';
import { KAFKA_ENV } from '../../runtime/kafka/kafka-names';
import type { KafkaNotRun } from '../comparison/kafka-comparison';
import { findDeployedKafka, type DeployedKafka, type DeployedStackLocation } from '../remote/deployed-stacks';
import { KafkaAccessDeniedError, KafkaBrokersUnreachableError, kafkaNotOnLocalStackReason } from '../remote/kafka-target-errors';
import { kafkaDeployCommandFor } from '../remote/remote-target';
import { MissingStackOutputError, StackNotFoundError, StackNotReadyError } from '../remote/stack-outputs';

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

/**
 * Looks the stack up; a missing, failed or outdated one becomes the column's reason:
 * - AWS, not deployed: not run, exit code unchanged (the Kafka stack is opt-in: MSK costs money from
 *   the first hour and takes 20-40 minutes to create); the reason gives the deploy command;
 * - LocalStack, not deployed or failed: not run, exit code unchanged (MSK needs a paid LocalStack tier);
 * - AWS, failed or without this run's outputs: not run and required (exit 1: a deployment to fix).
 * Anything else (LocalStack or AWS not answering) is thrown, as for the other stacks.
 */
export async function findKafkaForColumn(location: DeployedStackLocation): Promise<DeployedKafka | KafkaNotRun> {
  try {
    return await findDeployedKafka(location);
  } catch (error) {
    const onLocalStack = location.target === 'localstack';
    // On LocalStack's free tier the stack is absent, or failed to create its MSK cluster.
    if (onLocalStack && (error instanceof StackNotFoundError || error instanceof StackNotReadyError)) {
      return { notRun: kafkaNotOnLocalStackReason(error.stackName, error), required: false };
    }
    if (error instanceof StackNotFoundError) {
      return {
        notRun: `the Kafka stack ${error.stackName} is not deployed (it is opt-in: MSK bills from the first hour and takes 20-40 minutes to create); deploy it with ${kafkaDeployCommandFor(location.stage)}`,
        required: false,
      };
    }
    // A stack that failed, or an older one without the outputs this run reads: a deployment to fix.
    if (error instanceof StackNotReadyError || error instanceof MissingStackOutputError) return { notRun: error.message, required: true };
    throw error;
  }
}

/** A client whose SDK configuration resolved the run's region (any of the run's clients). */
export interface RegionSource {
  readonly config: { readonly region: () => Promise<string> };
}

/** TLS and SASL for the deployed brokers: MSK IAM with the SDK's credentials, unless KAFKA_AUTH=none. */
export async function deployedKafkaAuth(cloudFormation: RegionSource, env: NodeJS.ProcessEnv): Promise<KafkaClientAuth> {
  const mode = env[KAFKA_ENV.auth] ?? 'iam';
  // The token is signed for a region: the one the SDK resolved for this run (AWS_REGION or the profile's).
  const region = mode === 'iam' ? await cloudFormation.config.region() : undefined;
  return kafkaClientAuth(mode, region);
}

/** Partitions of the deployed clickstream topic, from the cluster's metadata. */
export async function deployedPartitionCount(deployment: DeployedKafka, auth: KafkaClientAuth): Promise<number> {
  const admin = new Admin({ clientId: 'queue-or-stream-remote-metadata', bootstrapBrokers: [...deployment.bootstrapServers], ...auth });
  try {
    const topic = deployment.topics.clickstream;
    const found = (await admin.metadata({ topics: [topic] })).topics.get(topic);
    if (found === undefined) throw new Error(`the deployed cluster of ${deployment.stackName} has no topic ${topic}: redeploy the stack (its topics are created at deploy time)`);
    return found.partitionsCount;
  } finally {
    await admin.close().catch(() => undefined);
  }
}
