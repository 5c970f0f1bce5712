/**
 * Checks every EmailWorker prop before anything is built, and derives the settings the pieces are
 * built with. All problems are collected and thrown together (InvalidPropError with the construct's
 * path). Ranges aws-cdk-lib enforces itself are not repeated here: SqsEventSource's batchSize (1–10,
 * or 1–10,000 with a batching window) and maxConcurrency (2–1000), the autoscaling target's
 * minCapacity ≥ 0 and maxCapacity ≥ minCapacity, and the queues' visibility timeout and retention.
 */
import { Duration } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { EMAIL_WORKER_DEFAULTS } from '../../runtime/email-worker/settings';
import type { EmailConsumerMode } from '../common/app-context';
import { MAX_RECEIVE_COUNT_RULE } from '../common/encrypted-queue';
import { PropProblems } from '../common/prop-problems';
import {
  type FargateConsumerTiming,
  FARGATE_VISIBILITY_MULTIPLIER,
  fargateConsumerTiming,
  jobTimeoutLimitProblem,
  LAMBDA_VISIBILITY_MULTIPLIER,
  type LambdaConsumerTiming,
  lambdaConsumerTiming,
  retryScheduleProblem,
} from './consumer-timing';
import { producersProblems } from './email-queue-producers';
import type { EmailWorkerProps } from './email-worker-props';
import { type ExistingQueueSettings, readExistingQueueSettings } from './existing-queue-settings';

/** The settings EmailWorker builds with, every default applied. */
export interface EmailWorkerSettings {
  /** Consumer runtime. */
  readonly consumers: EmailConsumerMode;
  /** Upper bound for one job. */
  readonly jobTimeout: Duration;
  /** First retry delay. */
  readonly retryBaseDelay: Duration;
  /** Receives before dead-lettering (the existing queue's when one is given). */
  readonly maxReceiveCount: number;
  /** The consumer's timeouts (one of the two, by `consumers`). */
  readonly timing: LambdaConsumerTiming | FargateConsumerTiming;
  /** The existing queue's settings, when one is given. */
  readonly existingQueue?: ExistingQueueSettings;
}

/** Checks `props` (throwing one InvalidPropError that lists every problem) and returns the settings. */
export function validateEmailWorkerProps(scope: IConstruct, props: EmailWorkerProps): EmailWorkerSettings {
  const problems = new PropProblems();
  const consumers = props.consumers ?? 'fargate';
  const jobTimeout = props.jobTimeout ?? Duration.seconds(EMAIL_WORKER_DEFAULTS.jobTimeoutSeconds);
  const retryBaseDelay = props.retryBaseDelay ?? Duration.seconds(EMAIL_WORKER_DEFAULTS.retryBaseDelaySeconds);
  // Whole seconds: every timeout derived from them (visibility, function, stopTimeout) and the
  // runtime's settings are whole seconds.
  const jobTimeoutOk = problems.wholeSeconds('jobTimeout', jobTimeout, 1);
  const retryBaseDelayOk = problems.wholeSeconds('retryBaseDelay', retryBaseDelay, 0);
  const limitProblem = jobTimeoutOk ? jobTimeoutLimitProblem(consumers, jobTimeout) : undefined;
  if (limitProblem !== undefined) problems.add(limitProblem.prop, limitProblem.value, limitProblem.rule);
  const unusedTuning = consumers === 'lambda' ? props.fargateConsumer && 'fargateConsumer' : props.lambdaConsumer && 'lambdaConsumer';
  if (unusedTuning) problems.add(unusedTuning, 'set', `left unset when consumers is '${consumers}' (it would be ignored)`);

  problems.existingOrNew('existingQueue', props.existingQueue, {
    queueType: props.queueType, maxReceiveCount: props.maxReceiveCount, encryptionKey: props.encryptionKey,
  });
  if ((props.existingQueue === undefined) !== (props.existingDeadLetterQueue === undefined)) {
    problems.add(props.existingQueue === undefined ? 'existingQueue' : 'existingDeadLetterQueue', 'undefined',
      'given together with the other existing queue (existingQueue and existingDeadLetterQueue go together)');
  }
  problems.existingOrNew('existingIdempotencyTable', props.existingIdempotencyTable, { idempotencyTableProps: props.idempotencyTableProps });
  if (props.maxReceiveCount !== undefined) problems.integer('maxReceiveCount', props.maxReceiveCount, MAX_RECEIVE_COUNT_RULE);
  if (props.lambdaConsumer?.memorySize !== undefined) {
    // aws-cdk-lib leaves Lambda's memory range to CloudFormation, which would fail only at deploy.
    problems.integer('lambdaConsumer.memorySize', props.lambdaConsumer.memorySize, { min: 128, max: 10_240, reason: 'Lambda memory limits in MB' });
  }
  if (props.fargateConsumer?.maxCapacity !== undefined) {
    problems.integer('fargateConsumer.maxCapacity', props.fargateConsumer.maxCapacity, { min: 1, reason: 'a worker that may never run drains nothing' });
  }
  if (props.fargateConsumer?.workerConcurrency !== undefined) {
    problems.integer('fargateConsumer.workerConcurrency', props.fargateConsumer.workerConcurrency, { min: 1, max: 1000, reason: 'jobs one task runs at once' });
  }
  for (const problem of props.producers === undefined ? [] : producersProblems(props.producers)) problems.add(problem.prop, problem.value, problem.rule);
  const fifo = props.existingQueue?.fifo ?? props.queueType === 'fifo';
  if (props.signupFanout === true && fifo) {
    problems.add('signupFanout', true, 'left unset with a FIFO queue (a standard SNS topic cannot deliver to FIFO queues; use a standard queue, -c emailQueue=standard)');
  }

  const existingQueue = props.existingQueue === undefined ? undefined : readExistingQueueSettings(props.existingQueue, problems);
  const maxReceiveCount = existingQueue?.maxReceiveCount ?? props.maxReceiveCount ?? EMAIL_WORKER_DEFAULTS.maxReceiveCount;
  const timing = consumers === 'lambda' ? lambdaConsumerTiming(jobTimeoutOk ? jobTimeout : Duration.seconds(1))
    : fargateConsumerTiming(jobTimeoutOk ? jobTimeout : Duration.seconds(1));
  if (jobTimeoutOk && limitProblem === undefined) {
    if (existingQueue !== undefined) checkExistingVisibility(problems, timing, existingQueue);
    // Only on values that passed their own checks: the schedule's message would otherwise repeat them.
    const schedule = retryBaseDelayOk && Number.isInteger(maxReceiveCount) && maxReceiveCount >= 1
      ? retryScheduleProblem({ timing, jobTimeout, retryBaseDelay, maxReceiveCount })
      : undefined;
    if (schedule !== undefined) problems.add(schedule.prop, schedule.value, schedule.rule);
  }
  problems.throwIfAny(scope);
  return { consumers, jobTimeout, retryBaseDelay, maxReceiveCount, timing, existingQueue };
}

/** A queue the construct did not size must still give a job the time the consumer needs. */
function checkExistingVisibility(problems: PropProblems, timing: LambdaConsumerTiming | FargateConsumerTiming, queue: ExistingQueueSettings): void {
  const required = timing.visibilityTimeout.toSeconds();
  const actual = queue.visibilityTimeout.toSeconds();
  if (actual >= required) return;
  const why = 'functionTimeout' in timing
    ? `${LAMBDA_VISIBILITY_MULTIPLIER} × the function timeout (AWS guidance for SQS event sources)`
    : `${FARGATE_VISIBILITY_MULTIPLIER} × jobTimeout (a job plus a missed heartbeat)`;
  problems.add('existingQueue', `a visibility timeout of ${actual} s`, `a queue whose visibility timeout is at least ${required} s = ${why}`);
}
