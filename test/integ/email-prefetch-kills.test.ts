/**
 * SIGKILLs every 1–3 s at the smallest maxReceiveCount the stack allows: a killed worker spends a
 * receive of every message it holds, prefetched ones included, and the retry-schedule check keeps a
 * receive for that (runtime/email-worker/retry-schedule.ts). No valid job may reach the DLQ.
 * Bounded: a fixed number of kills at fixed gaps, and a deadline well under a minute.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { runEmbeddedEmail, type EmailRunResult } from '../../local/email/email-run';
import { retryScheduleFixes } from '../../runtime/email-worker/retry-schedule';
import { earliestRedeliveryWithHeartbeat } from '../../runtime/shared/sqs-poller/visibility-heartbeat';
import { EMAIL_TEST_CONTEXT } from './helpers/email-test-context';

const JOBS = 150;
const WORKERS = 6;
/** Gaps before each kill (1–3 s, fixed so a failure reproduces); the last two workers survive. */
const KILL_GAPS_MS = [1_500, 2_500, 1_000, 3_000] as const;
/** Fargate's visibility timeout is 2 × the job timeout (lib/email-worker/consumer-timing.ts). */
const VISIBILITY_SECONDS = 2 * EMAIL_TEST_CONTEXT.emailJobTimeoutSeconds;
/** The smallest count the check accepts for the test's timings: the setting kills would exhaust first. */
const SMALLEST_SAFE_MAX_RECEIVE_COUNT = retryScheduleFixes({
  leaseSeconds: EMAIL_TEST_CONTEXT.emailJobTimeoutSeconds,
  earliestRedeliverySeconds: earliestRedeliveryWithHeartbeat(VISIBILITY_SECONDS),
  retryBaseDelaySeconds: EMAIL_TEST_CONTEXT.emailRetryBaseDelaySeconds,
  maxReceiveCount: 1,
}).maxReceiveCount;

describe('email workers SIGKILLed every 1–3 s at the smallest safe maxReceiveCount (fargate)', () => {
  let result: EmailRunResult;

  beforeAll(async () => {
    result = await runEmbeddedEmail({
      consumers: 'fargate',
      jobs: JOBS,
      malformedRatio: 0,
      transientRatio: 0,
      workers: WORKERS,
      context: { ...EMAIL_TEST_CONTEXT, emailMaxReceiveCount: SMALLEST_SAFE_MAX_RECEIVE_COUNT },
      smtpDataResponseDelayMs: 50,
      showProgress: false,
      log: () => undefined,
      deadlineMs: 40_000,
      async duringRun(run) {
        await run.waitForDeliveries(10);
        for (const [index, gapMs] of KILL_GAPS_MS.entries()) {
          await sleep(gapMs);
          const victim = run.consumers.find((consumer) => consumer.id === `worker-${index + 1}`);
          victim?.kill('SIGKILL');
          await victim?.exited;
        }
      },
    });
  }, 60_000);

  it('runs at the smallest count the retry-schedule check accepts', () => {
    expect(SMALLEST_SAFE_MAX_RECEIVE_COUNT).toBeDefined();
  });

  it('killed four workers by SIGKILL', () => {
    for (let index = 1; index <= KILL_GAPS_MS.length; index++) {
      expect(result.consumerExits[`worker-${index}`]).toEqual({ code: null, signal: 'SIGKILL' });
    }
  });

  it('dead-letters no valid job and loses none', () => {
    expect(result.completed).toBe(true);
    expect(result.validJobsDeadLettered).toEqual([]);
    expect(result.lost).toEqual([]);
    expect(result.delivered).toBe(JOBS);
  });
});
