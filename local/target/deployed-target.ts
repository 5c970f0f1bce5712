/**
 * A deployed target (LocalStack or an AWS account): clients pointed at it, the deployed functions
 * and tasks as the compute (the run starts none), and outcomes read from the deployed resources and,
 * on AWS, CloudWatch (LocalStack does not extract EMF, so its metric sums are null).
 */
import { deployedClickstreamTarget } from '../clickstream/deployed-clickstream-target';
import { deployedEmailTarget } from '../email/deployed-email-target';
import type { DeployedClickstream, DeployedEmailWorker } from '../remote/deployed-stacks';
import type { RemoteClients } from '../remote/remote-clients';
import type { RemoteTarget } from '../remote/remote-target';
import { CloudWatchMetricSource, NO_EMF_EXTRACTION } from './cloudwatch-metric-source';
import type { MetricSource, RunTarget } from './run-target';

/** What a deployed target is made of. */
export interface DeployedTargetProps {
  readonly target: RemoteTarget;
  readonly clients: RemoteClients;
  readonly emailWorker: DeployedEmailWorker;
  readonly clickstream: DeployedClickstream;
  /** Leave this run's DLQ and on-failure messages in place (released) instead of deleting them. @default false */
  readonly keepFailedMessages?: boolean;
}

/** Where a deployed target's EMF metrics are read. */
export function deployedMetricSource(target: RemoteTarget, clients: Pick<RemoteClients, 'cloudWatch'>): MetricSource {
  return target === 'aws' ? new CloudWatchMetricSource(clients.cloudWatch) : NO_EMF_EXTRACTION;
}

/** The run target of deployed stacks; the caller owns (and destroys) the clients. */
export function deployedRunTarget(props: DeployedTargetProps): RunTarget<undefined> {
  const metrics = deployedMetricSource(props.target, props.clients);
  const { emailWorker } = props;
  return {
    name: props.target,
    email: deployedEmailTarget({
      stackName: emailWorker.stackName,
      resources: { queueUrl: emailWorker.queueUrl, deadLetterQueueUrl: emailWorker.deadLetterQueueUrl, idempotencyTableName: emailWorker.idempotencyTableName },
      sqs: props.clients.sqs,
      documents: props.clients.dynamoDb,
      metrics,
      keepFailedMessages: props.keepFailedMessages,
    }),
    clickstream: deployedClickstreamTarget({ deployment: props.clickstream, clients: props.clients, metrics, keepFailedMessages: props.keepFailedMessages }),
  };
}
