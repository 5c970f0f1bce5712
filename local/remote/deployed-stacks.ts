/**
 * The resources of both deployed stacks, found through their CloudFormation outputs (the output
 * keys are the ones the stacks write: lib/email-worker/output-names.ts, lib/clickstream/output-names.ts).
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CLICKSTREAM_OUTPUTS } from '../../lib/clickstream/output-names';
import { EMAIL_WORKER_OUTPUTS } from '../../lib/email-worker/output-names';
import { deployCommandFor, deployedStackNames, type DeployedStackNames, type RemoteTarget } from './remote-target';
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
): Promise<{ readonly stackName: string; readonly found: Readonly<Record<K, string>> }> {
  const stackName = stackNameOf(deployedStackNames(location.stage));
  const deployCommand = deployCommandFor(location.target, location.stage);
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
