/**
 * The settings of a jobs queue that EmailWorker did not create. The worker's timeouts and retry
 * schedule depend on them, so they are read from the queue itself rather than assumed.
 */
import { Duration, Token } from 'aws-cdk-lib';
import { type CfnQueue, type IQueue, Queue } from 'aws-cdk-lib/aws-sqs';
import type { PropProblems } from '../common/prop-problems';

/** SQS's defaults for an attribute a queue leaves unset. */
const SQS_DEFAULT_VISIBILITY_SECONDS = 30;
const SQS_DEFAULT_RETENTION_SECONDS = Duration.days(4).toSeconds();

/** What the worker needs to know about the queue. */
export interface ExistingQueueSettings {
  /** The queue's visibility timeout. */
  readonly visibilityTimeout: Duration;
  /** How long the queue keeps a message. */
  readonly retentionPeriod: Duration;
  /** Receives before SQS dead-letters a message (its redrive policy). */
  readonly maxReceiveCount: number;
}

/**
 * Reads `queue`'s settings, or records why they cannot be read: only a `Queue` defined in this app
 * exposes them (an imported queue, `Queue.fromQueueArn`, does not), and a value given as a token is
 * unknown until deploy. Both cases are refused rather than guessed.
 */
export function readExistingQueueSettings(queue: IQueue, problems: PropProblems): ExistingQueueSettings | undefined {
  if (!(queue instanceof Queue)) {
    problems.add('existingQueue', 'an imported queue',
      "a Queue defined in this app: its visibility timeout, retention and maxReceiveCount shape the worker's timeouts, and an imported queue's cannot be read");
    return undefined;
  }
  const cfn = queue.node.defaultChild as CfnQueue;
  const redrive = cfn.redrivePolicy as { maxReceiveCount?: unknown } | undefined;
  const values = {
    visibility: cfn.visibilityTimeout ?? SQS_DEFAULT_VISIBILITY_SECONDS,
    retention: cfn.messageRetentionPeriod ?? SQS_DEFAULT_RETENTION_SECONDS,
    maxReceiveCount: redrive?.maxReceiveCount,
  };
  if (redrive === undefined) {
    problems.add('existingQueue', 'a queue without a dead-letter queue', 'a queue with a redrive policy (deadLetterQueue) to existingDeadLetterQueue');
    return undefined;
  }
  const unknown = Object.entries(values).filter(([, value]) => typeof value !== 'number' || Token.isUnresolved(value)).map(([name]) => name);
  if (unknown.length > 0) {
    problems.add('existingQueue', `a queue whose ${unknown.join(', ')} is a token`, 'a queue whose settings are plain numbers, known at synth');
    return undefined;
  }
  return {
    visibilityTimeout: Duration.seconds(values.visibility),
    retentionPeriod: Duration.seconds(values.retention),
    maxReceiveCount: values.maxReceiveCount as number,
  };
}
