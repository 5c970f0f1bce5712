/**
 * SNS→SQS fan-out against fauxqs (SNS and SQS), provisioned from the synthesized EmailWorkerStack
 * template: every subscriber gets its copy (the email one only what its filter policy lets
 * through), each copy is consumed once and then gone, and a failing subscriber does not hold the
 * other back. fauxqs never fails an SNS delivery, so the subscription DLQs stay unused here.
 */
import { embeddedFanoutTarget } from '../../local/fanout/embedded-fanout-target';
import { runFanout, type FanoutOutcome } from '../../local/fanout/fanout-run';

let result: FanoutOutcome;

/** Synthesis takes most of this on a busy 2-core machine; a ceiling, not a timing assertion. */
const SETUP_TIMEOUT_MS = 300_000;

beforeAll(async () => {
  const session = await embeddedFanoutTarget.open();
  try {
    result = await runFanout(session, { runId: 'integ', signups: 40 });
  } finally {
    await session.close();
  }
}, SETUP_TIMEOUT_MS);

describe('SignupFanout on fauxqs', () => {
  it('publishes every signup and delivers a copy to every subscriber its filter policy admits', () => {
    expect(result.finished).toBe(true);
    expect(result.published).toBe(40);
    expect(result.subscribers.analytics).toMatchObject({ received: 40, expected: 40 });
    // Every 4th signup opted out of email: the filter policy keeps it off the email queue.
    expect(result.subscribers.email).toMatchObject({ received: 30, expected: 30 });
  });

  it('consumes each copy once, and then it is gone (no replay)', () => {
    for (const subscriber of Object.values(result.subscribers)) {
      expect(subscriber).toMatchObject({ duplicates: 0, leftAfterRun: 0 });
    }
  });

  it('lets analytics consume all of its copies while the email subscriber is failing', () => {
    expect(result.subscribers.email.failedAttempts).toBeGreaterThan(0);
    expect(result.emailConsumedWhenAnalyticsDone).toBe(0);
  });
});
