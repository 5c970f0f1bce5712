/**
 * The email pattern on a deployed stack (LocalStack or AWS): the stack's own consumers do the work,
 * so the run starts no compute; it reaches the queue, the DLQ and the idempotency table through the
 * stack's outputs. There is no mailbox (SES), so valid jobs go to SES's mailbox simulator.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MetricSource } from '../target/metric-source';
import type { EmailCompute, EmailResources, EmailTarget } from './email-target';

/**
 * SES's mailbox simulator: accepted in the SES sandbox without verifying the recipient, and it
 * bounces nothing, so a sandbox account can run the suite.
 */
export const SES_SIMULATOR_SUCCESS_ADDRESS = 'success@simulator.amazonses.com';

/** Where the deployed email worker is. */
export interface DeployedEmailTargetProps {
  readonly stackName: string;
  readonly resources: EmailResources;
  readonly sqs: SQSClient;
  readonly documents: DynamoDBDocumentClient;
  readonly metrics: MetricSource;
  /** Leave this run's DLQ messages in place (released) instead of deleting them. @default false */
  readonly keepFailedMessages?: boolean;
  /** Recipient of every valid job. @default the SES mailbox simulator's success address */
  readonly recipient?: string;
}

/** The deployed functions or tasks play the consumers: nothing to start, stop or scale. */
const PLATFORM_COMPUTE: EmailCompute = {
  maxWorkers: 0,
  startWorker: () => undefined,
  workers: () => 0,
  retries: () => null,
  exits: () => ({}),
  outputTails: () => [],
  stop: () => Promise.resolve(),
};

/** A target whose consumers are the deployed stack's. No fault injection: the run controls no process. */
export function deployedEmailTarget(props: DeployedEmailTargetProps): EmailTarget<undefined> {
  return {
    open: () =>
      Promise.resolve({
        label: `email (${props.stackName})`,
        sqs: props.sqs,
        documents: props.documents,
        resources: props.resources,
        recipient: props.recipient ?? SES_SIMULATOR_SUCCESS_ADDRESS,
        metrics: props.metrics,
        mailbox: undefined,
        ownsSourceQueue: false,
        deleteDeadLetters: !(props.keepFailedMessages ?? false),
        environmentReport: [],
        startCompute: () => PLATFORM_COMPUTE,
        faults: () => undefined,
        // The clients belong to the caller, which closes them once every pattern is done.
        close: () => Promise.resolve(),
      }),
  };
}
