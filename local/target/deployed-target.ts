/**
 * A deployed target (LocalStack or an AWS account): clients pointed at it, the deployed functions
 * and tasks as the compute (the run starts none), and outcomes read from the deployed resources and,
 * on AWS, CloudWatch (LocalStack does not extract EMF, so its metric sums are null).
 */
import { deployedClickstreamTarget } from '../clickstream/deployed-clickstream-target';
import type { KafkaNotRun } from '../comparison/kafka-comparison';
import { deployedEmailTarget } from '../email/deployed-email-target';
import { deployedKafkaTarget } from '../kafka/deployed-kafka-target';
import type { DeployedClickstream, DeployedEmailWorker, DeployedKafka } from '../remote/deployed-stacks';
import type { RemoteClients } from '../remote/remote-clients';
import type { RemoteTarget } from '../remote/remote-target';
import { CloudWatchMetricSource, NO_EMF_EXTRACTION } from './cloudwatch-metric-source';
import type { MetricSource, RunTarget, TargetDeadlines } from './run-target';

/** What a deployed target is made of. */
export interface DeployedTargetProps {
  readonly target: RemoteTarget;
  readonly clients: RemoteClients;
  readonly emailWorker: DeployedEmailWorker;
  readonly clickstream: DeployedClickstream;
  /** The Kafka stack, or why it cannot be used (it is opt-in). */
  readonly kafka: DeployedKafka | KafkaNotRun;
  /** @default the target's: AWS scales Fargate from zero and ingests metrics with a lag; LocalStack does neither */
  readonly deadlines?: TargetDeadlines;
  /** Leave this run's DLQ and on-failure messages in place (released) instead of deleting them. @default false */
  readonly keepFailedMessages?: boolean;
  /** KAFKA_AUTH and AWS_REGION for the Kafka clients. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Per-target defaults: AWS scales Fargate from zero and ingests metrics with a lag; LocalStack does neither. */
export const DEPLOYED_DEADLINES: Readonly<Record<RemoteTarget, TargetDeadlines>> = {
  localstack: { consumersMs: 180_000, metricsMs: 0 },
  aws: { consumersMs: 600_000, metricsMs: 300_000 },
};

/** Where a deployed target's EMF metrics are read. */
export function deployedMetricSource(target: RemoteTarget, clients: Pick<RemoteClients, 'cloudWatch'>): MetricSource {
  return target === 'aws' ? new CloudWatchMetricSource(clients.cloudWatch) : NO_EMF_EXTRACTION;
}

/** The run target of deployed stacks; the caller owns (and destroys) the clients. */
export function deployedRunTarget(props: DeployedTargetProps): RunTarget<undefined> {
  const metrics = deployedMetricSource(props.target, props.clients);
  const { emailWorker, clients } = props;
  return {
    name: props.target,
    email: deployedEmailTarget({
      stackName: emailWorker.stackName,
      resources: { queueUrl: emailWorker.queueUrl, deadLetterQueueUrl: emailWorker.deadLetterQueueUrl, idempotencyTableName: emailWorker.idempotencyTableName },
      sqs: clients.sqs,
      documents: clients.dynamoDb,
      metrics,
      keepFailedMessages: props.keepFailedMessages,
    }),
    clickstream: deployedClickstreamTarget({ deployment: props.clickstream, clients, metrics, keepFailedMessages: props.keepFailedMessages }),
    kafka: deployedKafkaTarget({ deployment: props.kafka, clients, ...(props.env === undefined ? {} : { env: props.env }) }),
    deadlines: props.deadlines ?? DEPLOYED_DEADLINES[props.target],
  };
}
