/**
 * The Kafka column of `npm start -- --target localstack|aws`: finds the deployed Kafka stack, runs
 * the Kafka half against it, and turns every way it cannot run into a column that says why instead
 * of failing the SQS and Kinesis columns:
 * - AWS, stack not deployed: not run, exit code unchanged (the Kafka stack is opt-in: MSK costs
 *   money from the first hour and takes 20-40 minutes to create); the reason gives the deploy command;
 * - LocalStack, stack not deployed or failed: not run, exit code unchanged (MSK needs a paid
 *   LocalStack tier; the reason says so);
 * - AWS, stack failed or without this run's outputs: not run and required (exit 1: a deployment to fix);
 * - brokers unreachable from this machine, or credentials refused: not run, exit 3, with what to do;
 * - anything else: not run and required (a run that breaks is a failure, exit 1).
 */
import { kafkaClientAuth, type KafkaClientAuth } from '../../runtime/kafka/analytics-member/kafka-connection';
import { EnvironmentError } from '../../runtime/shared/errors';
import { KAFKA_ENV } from '../../runtime/kafka/kafka-names';
import type { DeployedKafkaComparison, KafkaNotRun } from '../comparison/kafka-comparison';
import { findDeployedKafka, type DeployedKafka, type DeployedStackLocation } from './deployed-stacks';
import { kafkaNotOnLocalStackReason } from './kafka-target-errors';
import type { RemoteClients } from './remote-clients';
import { runRemoteKafka, type RemoteKafkaRunOptions } from './remote-kafka-run';
import { kafkaDeployCommandFor } from './remote-target';
import { MissingStackOutputError, StackNotFoundError, StackNotReadyError } from './stack-outputs';
import { toDeployedKafkaComparison } from './to-kafka-comparison';

/** The column and the notes under the table. */
export interface RemoteKafkaColumn {
  readonly column: DeployedKafkaComparison | KafkaNotRun;
  readonly notes: readonly string[];
}

/** Options of {@link runRemoteKafkaColumn}: the run's size and deadline, and where to find its clients. */
export interface RemoteKafkaColumnOptions extends Pick<RemoteKafkaRunOptions, 'runId' | 'events' | 'users' | 'poisonRecords' | 'deadlineMs' | 'log'> {
  readonly clients: Pick<RemoteClients, 'cloudFormation' | 'dynamoDb'>;
  /** KAFKA_AUTH (`iam` default, `none` for a plaintext broker) and AWS_REGION. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Looks the stack up; a missing, failed or outdated one becomes the column's reason instead of
 * stopping the SQS and Kinesis columns. Anything else (LocalStack or AWS not answering) is thrown,
 * as for the other stacks.
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

/** TLS and SASL for the deployed brokers: MSK IAM with the SDK's credentials, unless KAFKA_AUTH=none. */
export async function remoteKafkaAuth(clients: Pick<RemoteClients, 'cloudFormation'>, env: NodeJS.ProcessEnv): Promise<KafkaClientAuth> {
  const mode = env[KAFKA_ENV.auth] ?? 'iam';
  // The token is signed for a region: the one the SDK resolved for this run (AWS_REGION or the profile's).
  const region = mode === 'iam' ? await clients.cloudFormation.config.region() : undefined;
  return kafkaClientAuth(mode, region);
}

function notRunFor(error: EnvironmentError): KafkaNotRun {
  return { notRun: error.message, required: false, exitCode: error.exitCode };
}

/** Runs the Kafka half against `deployment` (or passes its reason through). Never throws. */
export async function runRemoteKafkaColumn(deployment: DeployedKafka | KafkaNotRun, options: RemoteKafkaColumnOptions): Promise<RemoteKafkaColumn> {
  if ('notRun' in deployment) {
    options.log(`kafka: not run: ${deployment.notRun}`);
    return { column: deployment, notes: [`kafka: not run: ${deployment.notRun}`] };
  }
  try {
    const { clients, env = process.env, ...size } = options;
    const observed = await runRemoteKafka({ ...size, deployment, auth: await remoteKafkaAuth(clients, env), dynamoDb: clients.dynamoDb });
    return toDeployedKafkaComparison({ stackName: deployment.stackName, clusterMode: deployment.clusterMode }, observed);
  } catch (error) {
    if (error instanceof EnvironmentError) {
      options.log(`kafka: not run: ${error.message}`);
      return { column: notRunFor(error), notes: [`kafka: not run: ${error.message}`] };
    }
    const reason = `the remote Kafka run failed: ${error instanceof Error ? error.message : String(error)}`;
    options.log(`kafka: ${reason}`);
    return { column: { notRun: reason, required: true }, notes: [`kafka: ${reason}`] };
  }
}
