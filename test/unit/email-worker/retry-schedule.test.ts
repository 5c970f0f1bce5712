import { Duration } from 'aws-cdk-lib';
import {
  describeRetryScheduleProblem,
  lastReceiveSeconds,
  retryScheduleFixes,
  retryScheduleOutlastsLease,
} from '../../../runtime/email-worker/retry-schedule';
import { earliestRedeliveryWithHeartbeat } from '../../../runtime/shared/sqs-poller/visibility-heartbeat';
import {
  fargateConsumerTiming, lambdaConsumerTiming, type RetryScheduleProps, retryScheduleProblem,
} from '../../../lib/email-worker/consumer-timing';
import { InvalidPropError } from '../../../lib/common/invalid-prop-error';

/** Throws the problem as EmailWorker would (its props check collects it with the others). */
function validateRetrySchedule(props: RetryScheduleProps): void {
  const problem = retryScheduleProblem(props);
  if (problem !== undefined) throw new InvalidPropError('EmailWorker', [problem]);
}

/** The embedded comparison's old email settings: 5 s jobs, 1 s first retry, 3 receives (fargate: visibility 10 s). */
const LOCAL_SHORT_TIMINGS = { leaseSeconds: 5, earliestRedeliverySeconds: earliestRedeliveryWithHeartbeat(10), retryBaseDelaySeconds: 1, maxReceiveCount: 3 };

describe('retry schedule against the idempotency lease', () => {
  it('puts the soonest redelivery of a heartbeated message at a quarter of the visibility timeout', () => {
    expect(earliestRedeliveryWithHeartbeat(10)).toBe(2.5);
  });

  it('adds the doubling backoff of every receive before the last', () => {
    // redelivery at 2.5 s, then 2 s (after receive 2) and 4 s (after receive 3)
    expect(lastReceiveSeconds({ ...LOCAL_SHORT_TIMINGS, maxReceiveCount: 4 })).toBe(8.5);
    expect(lastReceiveSeconds({ ...LOCAL_SHORT_TIMINGS, maxReceiveCount: 1 })).toBe(0);
  });

  it('refuses the local short timings that dead-lettered delivered jobs, and names both fixes', () => {
    expect(retryScheduleOutlastsLease(LOCAL_SHORT_TIMINGS)).toBe(false);
    expect(retryScheduleFixes(LOCAL_SHORT_TIMINGS)).toEqual({ maxReceiveCount: 4, retryBaseDelaySeconds: 2 });
    expect(describeRetryScheduleProblem(LOCAL_SHORT_TIMINGS, { maxReceiveCount: 'M', retryBaseDelay: 'B' })).toBe(
      'the retry schedule ends before the idempotency lease expires: with M 3 and B 1 s, a job whose worker is killed is ' +
        'received for the last time 4.5 s after its lease started (first redelivery after 2.5 s), but the lease lasts 5 s ' +
        '(+1 s margin), so a job already sent could be dead-lettered; raise M to 4, or raise B to 2 s',
    );
  });

  it('accepts the same timings with one more receive', () => {
    expect(describeRetryScheduleProblem({ ...LOCAL_SHORT_TIMINGS, maxReceiveCount: 4 }, { maxReceiveCount: 'M', retryBaseDelay: 'B' })).toBeUndefined();
  });
});

describe('validateRetrySchedule (stack)', () => {
  const thirtySeconds = Duration.seconds(30);

  it('accepts the stack defaults in both modes', () => {
    for (const timing of [fargateConsumerTiming(thirtySeconds), lambdaConsumerTiming(thirtySeconds)]) {
      expect(() => validateRetrySchedule({ timing, jobTimeout: thirtySeconds, retryBaseDelay: thirtySeconds, maxReceiveCount: 5 })).not.toThrow();
    }
  });

  it('refuses maxReceiveCount 2 in fargate mode, naming the values and the fix', () => {
    const validate = () =>
      validateRetrySchedule({ timing: fargateConsumerTiming(thirtySeconds), jobTimeout: thirtySeconds, retryBaseDelay: thirtySeconds, maxReceiveCount: 2 });
    expect(validate).toThrow(InvalidPropError);
    expect(validate).toThrow(/maxReceiveCount must be large enough .* with maxReceiveCount 2 and retryBaseDelay 30 s, .* the lease lasts 30 s .*; raise maxReceiveCount to 3\); got 2$/);
  });

  it('refuses the local short timings (5 s jobs, 1 s first retry, 3 receives) in fargate mode', () => {
    const jobTimeout = Duration.seconds(5);
    const validate = () =>
      validateRetrySchedule({ timing: fargateConsumerTiming(jobTimeout), jobTimeout, retryBaseDelay: Duration.seconds(1), maxReceiveCount: 3 });
    expect(validate).toThrow(/raise maxReceiveCount to 4, or raise retryBaseDelay to 2 s/);
  });

  it('refuses a single receive in lambda mode (a killed invocation is never retried)', () => {
    const jobTimeout = Duration.seconds(5);
    const validate = () =>
      validateRetrySchedule({ timing: lambdaConsumerTiming(jobTimeout), jobTimeout, retryBaseDelay: Duration.seconds(1), maxReceiveCount: 1 });
    expect(validate).toThrow(/raise maxReceiveCount to 2/);
  });
});
