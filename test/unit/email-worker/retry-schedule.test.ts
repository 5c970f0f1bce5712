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

  it('refuses the local short timings that dead-lettered delivered jobs, and names the fix', () => {
    expect(retryScheduleOutlastsLease(LOCAL_SHORT_TIMINGS)).toBe(false);
    // One receive is kept for a kill before the job starts, so 2 are left: no backoff to lengthen.
    expect(retryScheduleFixes(LOCAL_SHORT_TIMINGS)).toEqual({ maxReceiveCount: 5 });
    expect(describeRetryScheduleProblem(LOCAL_SHORT_TIMINGS, { maxReceiveCount: 'M', retryBaseDelay: 'B' })).toBe(
      'the retry schedule ends before the idempotency lease expires: with M 3 (1 kept for a worker killed before the job ' +
        'starts, which spends a receive) and B 1 s, a job whose worker is killed is ' +
        'received for the last time 2.5 s after its lease started (first redelivery after 2.5 s), but the lease lasts 5 s ' +
        '(+1 s margin), so a job already sent could be dead-lettered; raise M to 5',
    );
  });

  it('refuses one more receive, which outlasts the lease only when no kill spent a receive before the job started', () => {
    const timings = { ...LOCAL_SHORT_TIMINGS, maxReceiveCount: 4 };
    expect(lastReceiveSeconds(timings)).toBeGreaterThanOrEqual(timings.leaseSeconds + 1);
    expect(retryScheduleFixes(timings)).toEqual({ maxReceiveCount: 5, retryBaseDelaySeconds: 2 });
  });

  it('accepts the same timings with two more receives', () => {
    expect(describeRetryScheduleProblem({ ...LOCAL_SHORT_TIMINGS, maxReceiveCount: 5 }, { maxReceiveCount: 'M', retryBaseDelay: 'B' })).toBeUndefined();
  });
});

describe('validateRetrySchedule (stack)', () => {
  const thirtySeconds = Duration.seconds(30);

  it('accepts the stack defaults in both modes', () => {
    for (const timing of [fargateConsumerTiming(thirtySeconds), lambdaConsumerTiming(thirtySeconds)]) {
      expect(() => validateRetrySchedule({ timing, jobTimeout: thirtySeconds, retryBaseDelay: thirtySeconds, maxReceiveCount: 5 })).not.toThrow();
    }
  });

  it('refuses maxReceiveCount 3 in fargate mode (kills exhausted it), naming the values and the smallest safe count', () => {
    const validate = () =>
      validateRetrySchedule({ timing: fargateConsumerTiming(thirtySeconds), jobTimeout: thirtySeconds, retryBaseDelay: thirtySeconds, maxReceiveCount: 3 });
    expect(validate).toThrow(InvalidPropError);
    expect(validate).toThrow(/maxReceiveCount must be large enough .* with maxReceiveCount 3 \(1 kept for a worker killed before the job starts, which spends a receive\) and retryBaseDelay 30 s, .* the lease lasts 30 s .*; raise maxReceiveCount to 4\); got 3$/);
  });

  it('accepts maxReceiveCount 4 with the stack defaults in fargate mode', () => {
    expect(() => validateRetrySchedule({ timing: fargateConsumerTiming(thirtySeconds), jobTimeout: thirtySeconds, retryBaseDelay: thirtySeconds, maxReceiveCount: 4 })).not.toThrow();
  });

  it('refuses the local short timings (5 s jobs, 1 s first retry, 4 receives) in fargate mode', () => {
    const jobTimeout = Duration.seconds(5);
    const validate = () =>
      validateRetrySchedule({ timing: fargateConsumerTiming(jobTimeout), jobTimeout, retryBaseDelay: Duration.seconds(1), maxReceiveCount: 4 });
    expect(validate).toThrow(/raise maxReceiveCount to 5, or raise retryBaseDelay to 2 s/);
  });

  it('refuses two receives in lambda mode (a kill before the job starts leaves a killed invocation no retry)', () => {
    const jobTimeout = Duration.seconds(5);
    const validate = () =>
      validateRetrySchedule({ timing: lambdaConsumerTiming(jobTimeout), jobTimeout, retryBaseDelay: Duration.seconds(1), maxReceiveCount: 2 });
    expect(validate).toThrow(/raise maxReceiveCount to 3/);
  });
});
