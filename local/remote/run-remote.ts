/**
 * `npm start -- --target localstack|aws`: the deployed stacks as the run's target, found through
 * their CloudFormation outputs before any traffic is sent. The run itself is the embedded run's
 * (every registered pattern against the target); only the target differs.
 */
import { findDeployedClickstream, findDeployedEmailWorker } from './deployed-stacks';
import { createRemoteClients } from './remote-clients';
import { deployedRunTarget } from '../target/deployed-target';
import type { RunTarget } from '../target/run-target';
import { findKafkaForColumn } from '../kafka/deployed-kafka-access';
import { resolveRemoteConnection, type RemoteTarget } from './remote-target';
import { explainTargetError } from './target-errors';

/** Options of a run against deployed stacks. */
export interface DeployedRunOptions {
  readonly target: RemoteTarget;
  /** Stage of the deployed stacks (`-c stage=NAME`). @default none: `QueueOrStream-<pattern>` */
  readonly stage?: string;
  readonly log: (line: string) => void;
  /** Leave this run's DLQ and on-failure messages in place (released) instead of deleting them. @default false */
  readonly keepFailedMessages?: boolean;
  /** Where to find the target (AWS_ENDPOINT_URL, AWS_REGION, KAFKA_AUTH). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs `body` against the deployed stacks of `options.stage`. A missing SQS or Kinesis stack fails
 * before any traffic, with the deploy command; a missing Kafka stack (opt-in, it costs money)
 * becomes the Kafka column's reason. Errors reaching the target are explained (exit 3).
 */
export async function withDeployedTarget<T>(options: DeployedRunOptions, body: (target: RunTarget) => Promise<T>): Promise<T> {
  const env = options.env ?? process.env;
  const connection = resolveRemoteConnection(options.target, env);
  const clients = createRemoteClients(connection);
  try {
    const location = { cloudFormation: clients.cloudFormation, target: options.target, stage: options.stage };
    const [emailWorker, clickstream, kafka] = await Promise.all([findDeployedEmailWorker(location), findDeployedClickstream(location), findKafkaForColumn(location)]);
    options.log(`run against ${options.target}${connection.endpoint === undefined ? '' : ` (${connection.endpoint})`}`);
    return await body(deployedRunTarget({ target: options.target, clients, emailWorker, clickstream, kafka, keepFailedMessages: options.keepFailedMessages, env }));
  } catch (error) {
    throw explainTargetError(error, connection);
  } finally {
    clients.destroy();
  }
}
