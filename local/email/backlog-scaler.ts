/**
 * Adds consumer workers while the queue's backlog is high, as the stack's step scaling on
 * `ApproximateNumberOfMessagesVisible` does for Fargate tasks (and as Lambda's SQS poller scales
 * up): the scaling unit of a task queue is the worker. Scale-in is left out: a local run is short.
 */
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** When to add a worker. */
export interface BacklogScalingPolicy {
  /** Workers started with the run. */
  readonly initialWorkers: number;
  /** Never more workers than this. */
  readonly maxWorkers: number;
  /** Add a worker while visible messages exceed this many per running worker. */
  readonly backlogPerWorker: number;
  /** Least time between two additions, so a new worker gets to pull its share first. */
  readonly cooldownMs: number;
}

/** One scaling step the run took. */
export interface ScalingStep {
  /** Visible messages when the decision was made. */
  readonly backlog: number;
  /** Workers after the step. */
  readonly workers: number;
}

/** How many workers to add now (0 or 1): pure, so the policy is unit-tested. */
export function workersToAdd(policy: BacklogScalingPolicy, running: number, backlog: number, msSinceLastStep: number): number {
  if (running >= policy.maxWorkers || msSinceLastStep < policy.cooldownMs) return 0;
  return backlog > policy.backlogPerWorker * running ? 1 : 0;
}

/**
 * Visible (`ApproximateNumberOfMessages`: the backlog step scaling uses) and in-flight
 * (`ApproximateNumberOfMessagesNotVisible`) messages, in one call.
 */
export async function queueDepth(sqs: SQSClient, queueUrl: string): Promise<{ readonly visible: number; readonly inFlight: number }> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return { visible: Number(Attributes?.ApproximateNumberOfMessages ?? '0'), inFlight: Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? '0') };
}
