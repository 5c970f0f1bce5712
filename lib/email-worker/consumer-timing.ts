/**
 * The email worker's timeouts, derived from one number (the job timeout) so they can never
 * contradict each other. The queue's visibility timeout is always computed here, never typed in.
 */
import { Duration } from 'aws-cdk-lib';
import {
  describeRetryScheduleProblem,
  type RetryScheduleTimings,
} from '../../runtime/email-worker/retry-schedule';
import { earliestRedeliveryWithHeartbeat } from '../../runtime/shared/sqs-poller/visibility-heartbeat';
import type { PropProblem } from '../common/invalid-prop-error';

/** Lambda's maximum function timeout. */
const MAX_FUNCTION_TIMEOUT = Duration.minutes(15);
/** Fargate's maximum container stopTimeout (SIGTERM to SIGKILL). */
const MAX_FARGATE_STOP_TIMEOUT = Duration.seconds(120);
/** Time after the last job finishes for a stopping worker to delete successes and release the rest. */
const DRAIN_HEADROOM = Duration.seconds(10);
/** Time a Lambda invocation needs on top of its slowest job: init, idempotency writes, batch report. */
const INVOCATION_HEADROOM = Duration.seconds(10);
/** AWS guidance for SQS event sources: visibility timeout ≥ 6 × function timeout. */
export const LAMBDA_VISIBILITY_MULTIPLIER = 6;
/**
 * Fargate: the worker heartbeats (extends visibility) for slow jobs, so the window only has to
 * outlast one job with room for one missed heartbeat; a killed task's jobs reappear after it.
 */
export const FARGATE_VISIBILITY_MULTIPLIER = 2;

/** Timeouts of the Lambda consumer. */
export interface LambdaConsumerTiming {
  /** The function timeout. */
  readonly functionTimeout: Duration;
  /** The queue's visibility timeout: 6 × the function timeout. */
  readonly visibilityTimeout: Duration;
}

/** Timeouts of the Fargate consumer. */
export interface FargateConsumerTiming {
  /** The container's stopTimeout: the job timeout plus time to delete and release. */
  readonly stopTimeout: Duration;
  /** The queue's visibility timeout: 2 × the job timeout. */
  readonly visibilityTimeout: Duration;
}

/**
 * Lambda timing. The handler processes a batch's records in parallel (Powertools BatchProcessor),
 * so a batch takes about as long as its slowest job.
 */
export function lambdaConsumerTiming(jobTimeout: Duration): LambdaConsumerTiming {
  const functionTimeout = Duration.seconds(jobTimeout.toSeconds() + INVOCATION_HEADROOM.toSeconds());
  return {
    functionTimeout,
    visibilityTimeout: Duration.seconds(LAMBDA_VISIBILITY_MULTIPLIER * functionTimeout.toSeconds()),
  };
}

/**
 * Fargate timing. On scale-in ECS sends SIGTERM; the worker stops receiving and finishes in-flight
 * jobs, so stopTimeout must cover one full job plus the drain, within Fargate's 120 s maximum.
 */
export function fargateConsumerTiming(jobTimeout: Duration): FargateConsumerTiming {
  const stopTimeout = Duration.seconds(jobTimeout.toSeconds() + DRAIN_HEADROOM.toSeconds());
  return {
    stopTimeout,
    visibilityTimeout: Duration.seconds(FARGATE_VISIBILITY_MULTIPLIER * jobTimeout.toSeconds()),
  };
}

/**
 * The longest job each mode allows: Lambda's function timeout and Fargate's stopTimeout both have a
 * hard maximum, and each must cover a whole job plus headroom. Undefined when `jobTimeout` fits.
 */
export function jobTimeoutLimitProblem(mode: 'lambda' | 'fargate', jobTimeout: Duration): PropProblem | undefined {
  const seconds = jobTimeout.toSeconds();
  if (mode === 'lambda') {
    const max = MAX_FUNCTION_TIMEOUT.toSeconds() - INVOCATION_HEADROOM.toSeconds();
    return seconds <= max ? undefined : { prop: 'jobTimeout', value: `${seconds} s`,
      rule: `at most ${max} seconds in lambda mode (Lambda's 15-minute timeout minus ${INVOCATION_HEADROOM.toSeconds()} s headroom)` };
  }
  const max = MAX_FARGATE_STOP_TIMEOUT.toSeconds() - DRAIN_HEADROOM.toSeconds();
  return seconds <= max ? undefined : { prop: 'jobTimeout', value: `${seconds} s`,
    rule: `at most ${max} seconds in fargate mode (Fargate's 120 s stopTimeout must cover a job plus ${DRAIN_HEADROOM.toSeconds()} s of drain)` };
}

/** What the retry-schedule check needs from the stack, whichever consumer runs. */
export interface RetryScheduleProps {
  /** The consumer mode's timing (from {@link lambdaConsumerTiming} or {@link fargateConsumerTiming}). */
  readonly timing: LambdaConsumerTiming | FargateConsumerTiming;
  /** Upper bound for one job. */
  readonly jobTimeout: Duration;
  /** First retry delay; doubles per receive. */
  readonly retryBaseDelay: Duration;
  /** Receives before SQS dead-letters a job. */
  readonly maxReceiveCount: number;
}

/**
 * The worst case of each mode, in seconds from the start of a killed job's idempotency lease.
 * Lambda: the lease is the invocation's remaining time (at most the function timeout) and the
 * batch's messages come back only after the whole visibility timeout. Fargate: the lease is the
 * job timeout (fargate-worker.ts) and the heartbeat may leave a starting job with a quarter of the
 * visibility timeout (retry-schedule.ts).
 */
export function retryScheduleTimings(props: RetryScheduleProps): RetryScheduleTimings {
  const visibilitySeconds = props.timing.visibilityTimeout.toSeconds();
  const common = { retryBaseDelaySeconds: props.retryBaseDelay.toSeconds(), maxReceiveCount: props.maxReceiveCount };
  return 'functionTimeout' in props.timing
    ? { ...common, leaseSeconds: props.timing.functionTimeout.toSeconds(), earliestRedeliverySeconds: visibilitySeconds }
    : { ...common, leaseSeconds: props.jobTimeout.toSeconds(), earliestRedeliverySeconds: earliestRedeliveryWithHeartbeat(visibilitySeconds) };
}

/**
 * Describes a retry schedule (retryBaseDelay doubling, maxReceiveCount, visibility timeout) that ends
 * before a killed job's idempotency lease expires: its redeliveries would all find the job "in
 * progress" and SQS would dead-letter a job that may already have been sent. The runtime settings
 * (runtime/email-worker/load-settings.ts) run the same check.
 */
export function retryScheduleProblem(props: RetryScheduleProps): PropProblem | undefined {
  const timings = retryScheduleTimings(props);
  const problem = describeRetryScheduleProblem(timings, { maxReceiveCount: 'maxReceiveCount', retryBaseDelay: 'retryBaseDelay' });
  return problem === undefined ? undefined : {
    prop: 'maxReceiveCount',
    value: props.maxReceiveCount,
    rule: `large enough for the retry schedule to outlast the idempotency lease (${problem})`,
  };
}
