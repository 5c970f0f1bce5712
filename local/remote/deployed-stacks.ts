/**
 * The resources of the deployed stacks, found through their CloudFormation outputs (the output keys
 * are the ones the stacks write: lib/email-worker/output-names.ts, lib/clickstream/output-names.ts,
 * lib/kafka/output-names.ts).
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CLICKSTREAM_OUTPUTS } from '../../lib/clickstream/output-names';
import { EMAIL_WORKER_OUTPUTS } from '../../lib/email-worker/output-names';
import { KAFKA_OUTPUTS } from '../../lib/kafka/output-names';
import { deployCommandFor, deployedStackNames, kafkaDeployCommandFor, type DeployedStackNames, type RemoteTarget } from './remote-target';
import { readStackOutputs, requireStackOutputs } from './stack-outputs';

/** The email worker's outputs a remote run reads. */
export const EMAIL_RUN_OUTPUTS = {
  queueUrl: EMAIL_WORKER_OUTPUTS.queueUrl,
  deadLetterQueueUrl: EMAIL_WORKER_OUTPUTS.deadLetterQueueUrl,
  idempotencyTableName: EMAIL_WORKER_OUTPUTS.idempotencyTableName,
} as const;

/** The clickstream's outputs a remote run reads. */
export const CLICKSTREAM_RUN_OUTPUTS = {
  streamName: CLICKSTREAM_OUTPUTS.streamName,
  sessionTableName: CLICKSTREAM_OUTPUTS.sessionTableName,
  processorFailureQueueUrl: CLICKSTREAM_OUTPUTS.processorFailureQueueUrl,
  archiveBucketName: CLICKSTREAM_OUTPUTS.archiveBucketName,
} as const;

/** The Kafka stack's outputs a remote run reads. */
export const KAFKA_RUN_OUTPUTS = {
  clusterMode: KAFKA_OUTPUTS.clusterMode,
  bootstrapBrokersSaslIam: KAFKA_OUTPUTS.bootstrapBrokersSaslIam,
  sessionTableName: KAFKA_OUTPUTS.sessionTableName,
  clickstreamTopic: KAFKA_OUTPUTS.clickstreamTopic,
  sessionsTopic: KAFKA_OUTPUTS.sessionsTopic,
  deadLetterTopic: KAFKA_OUTPUTS.deadLetterTopic,
  vpcId: KAFKA_OUTPUTS.vpcId,
  clientSubnetIds: KAFKA_OUTPUTS.clientSubnetIds,
  clientSecurityGroupId: KAFKA_OUTPUTS.clientSecurityGroupId,
} as const;

/** The deployed Kafka clickstream. */
export interface DeployedKafka {
  readonly stackName: string;
  readonly clusterMode: string;
  /** `host:9098,...` (SASL/IAM). */
  readonly bootstrapServers: readonly string[];
  readonly sessionTableName: string;
  readonly topics: { readonly clickstream: string; readonly sessions: string; readonly deadLetter: string };
  /** Where a client must run to reach the brokers. */
  readonly network: { readonly vpcId: string; readonly subnetIds: readonly string[]; readonly securityGroupId: string };
}

/** The deployed email worker. */
export interface DeployedEmailWorker {
  readonly stackName: string;
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  readonly idempotencyTableName: string;
}

/** The deployed clickstream. */
export interface DeployedClickstream {
  readonly stackName: string;
  readonly streamName: string;
  readonly sessionTableName: string;
  readonly processorFailureQueueUrl: string;
  readonly archiveBucketName: string;
}

/** Where one stage's stacks live. */
export interface DeployedStackLocation {
  readonly cloudFormation: CloudFormationClient;
  readonly target: RemoteTarget;
  /** @default no stage: `QueueOrStream-<pattern>` */
  readonly stage?: string;
}

/** The outputs named by `keys` of the stack `stackNameOf` picks for `location`'s stage. */
async function readRunOutputs<K extends string>(
  location: DeployedStackLocation,
  stackNameOf: (names: DeployedStackNames) => string,
  keys: Readonly<Record<string, K>>,
  deployCommand: string = deployCommandFor(location.target, location.stage),
): Promise<{ readonly stackName: string; readonly found: Readonly<Record<K, string>> }> {
  const stackName = stackNameOf(deployedStackNames(location.stage));
  const outputs = await readStackOutputs(location.cloudFormation, stackName, deployCommand);
  return { stackName, found: requireStackOutputs(stackName, outputs, keys, deployCommand) };
}

/** The deployed email worker of `location`'s stage. */
export async function findDeployedEmailWorker(location: DeployedStackLocation): Promise<DeployedEmailWorker> {
  const { stackName, found } = await readRunOutputs(location, (names) => names.emailWorker, EMAIL_RUN_OUTPUTS);
  return {
    stackName,
    queueUrl: found[EMAIL_RUN_OUTPUTS.queueUrl],
    deadLetterQueueUrl: found[EMAIL_RUN_OUTPUTS.deadLetterQueueUrl],
    idempotencyTableName: found[EMAIL_RUN_OUTPUTS.idempotencyTableName],
  };
}

/** The deployed clickstream of `location`'s stage. */
export async function findDeployedClickstream(location: DeployedStackLocation): Promise<DeployedClickstream> {
  const { stackName, found } = await readRunOutputs(location, (names) => names.clickstream, CLICKSTREAM_RUN_OUTPUTS);
  return {
    stackName,
    streamName: found[CLICKSTREAM_RUN_OUTPUTS.streamName],
    sessionTableName: found[CLICKSTREAM_RUN_OUTPUTS.sessionTableName],
    processorFailureQueueUrl: found[CLICKSTREAM_RUN_OUTPUTS.processorFailureQueueUrl],
    archiveBucketName: found[CLICKSTREAM_RUN_OUTPUTS.archiveBucketName],
  };
}

/** Splits a comma-separated output (`a,b`) into its non-empty parts. */
const commaList = (value: string): string[] => value.split(',').map((part) => part.trim()).filter((part) => part !== '');

/**
 * The deployed Kafka clickstream of `location`'s stage.
 * @throws StackNotFoundError with the command that deploys the Kafka stack alone.
 */
export async function findDeployedKafka(location: DeployedStackLocation): Promise<DeployedKafka> {
  const { stackName, found } = await readRunOutputs(location, (names) => names.kafka, KAFKA_RUN_OUTPUTS, kafkaDeployCommandFor(location.stage));
  return {
    stackName,
    clusterMode: found[KAFKA_RUN_OUTPUTS.clusterMode],
    bootstrapServers: commaList(found[KAFKA_RUN_OUTPUTS.bootstrapBrokersSaslIam]),
    sessionTableName: found[KAFKA_RUN_OUTPUTS.sessionTableName],
    topics: {
      clickstream: found[KAFKA_RUN_OUTPUTS.clickstreamTopic],
      sessions: found[KAFKA_RUN_OUTPUTS.sessionsTopic],
      deadLetter: found[KAFKA_RUN_OUTPUTS.deadLetterTopic],
    },
    network: {
      vpcId: found[KAFKA_RUN_OUTPUTS.vpcId],
      subnetIds: commaList(found[KAFKA_RUN_OUTPUTS.clientSubnetIds]),
      securityGroupId: found[KAFKA_RUN_OUTPUTS.clientSecurityGroupId],
    },
  };
}
