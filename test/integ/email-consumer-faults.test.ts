import { setTimeout as sleep } from 'node:timers/promises';
import { runEmbeddedEmail, type EmailRunResult, type EmailRunInProgress } from '../../local/email/email-run';
import { EMAIL_CONSUMER_MODES, EMAIL_TEST_CONTEXT } from './helpers/email-test-context';

const JOBS = 240;
/** Every DATA reply waits this long, so the survivors' sends overlap the kill too. */
const DATA_RESPONSE_DELAY_MS = 300;
/**
 * After the victim's replies are frozen: time for any of its jobs that was accepted just before to
 * finish its idempotency write (milliseconds locally). A ceiling, not a measurement.
 */
const SETTLE_MS = 1_500;

/**
 * Freezes `workerId` in "sending, not yet accepted" (the sink stops answering its DATA), lets any job
 * it already got accepted finish recording that, then SIGKILLs it: none of its unfinished jobs was
 * accepted, so their leases must expire and the survivors must deliver them, exactly once.
 */
async function killWhileSending(run: EmailRunInProgress, workerId: string): Promise<void> {
  const worker = run.consumers.find((consumer) => consumer.id === workerId);
  if (worker === undefined) throw new Error(`no consumer ${workerId}`);
  run.sink.holdRepliesTo(workerId);
  while (run.sink.heldReplies(workerId) === 0) await sleep(50);
  await sleep(SETTLE_MS);
  worker.kill('SIGKILL');
  await worker.exited;
}

describe.each(EMAIL_CONSUMER_MODES)('email consumers under faults (%s)', (consumers) => {
  let result: EmailRunResult;

  beforeAll(async () => {
    result = await runEmbeddedEmail({
      consumers,
      jobs: JOBS,
      malformedRatio: 0,
      transientRatio: 0,
      workers: 4,
      context: EMAIL_TEST_CONTEXT,
      smtpDataResponseDelayMs: DATA_RESPONSE_DELAY_MS,
      showProgress: false,
      log: () => undefined,
      // Lambda mode: the killed invocation's messages return after the 78 s visibility timeout.
      deadlineMs: 110_000,
      async duringRun(run) {
        await run.waitForDeliveries(20);
        await killWhileSending(run, 'worker-1');
        const drained = run.consumers.find((consumer) => consumer.id === 'worker-2');
        drained?.kill('SIGTERM');
        await drained?.exited;
      },
    });
  }, 150_000);

  it('ends the killed worker by SIGKILL and lets the SIGTERMed one drain and exit 0', () => {
    expect(result.consumerExits['worker-1']).toEqual({ code: null, signal: 'SIGKILL' });
    expect(result.consumerExits['worker-2']).toEqual({ code: 0, signal: null });
  });

  it('loses no job and sends none twice', () => {
    expect(result.lost).toEqual([]);
    expect(result.delivered).toBe(JOBS);
    expect(result.duplicates).toBe(0);
    expect(result.deadLettered).toBe(0);
  });

  it('has the survivors deliver the rest', () => {
    expect((result.perWorker['worker-3'] ?? 0) + (result.perWorker['worker-4'] ?? 0)).toBeGreaterThan(0);
  });
});

/** Repeated SIGKILLs at arbitrary moments (not only mid-send): jobs may be sent twice, never lost. */
const KILL_JOBS = 150;
const KILL_MALFORMED_RATIO = 0.1;
/** Deliveries after which the next worker is killed: three kills over the run. */
const KILL_MILESTONES = [[15, 'worker-1'], [45, 'worker-2'], [75, 'worker-3']] as const;

describe('email consumers under repeated SIGKILL (fargate)', () => {
  let result: EmailRunResult;

  beforeAll(async () => {
    result = await runEmbeddedEmail({
      consumers: 'fargate',
      jobs: KILL_JOBS,
      malformedRatio: KILL_MALFORMED_RATIO,
      transientRatio: 0,
      workers: 4,
      context: EMAIL_TEST_CONTEXT,
      smtpDataResponseDelayMs: 50,
      showProgress: false,
      log: () => undefined,
      deadlineMs: 200_000,
      async duringRun(run) {
        for (const [deliveries, workerId] of KILL_MILESTONES) {
          await run.waitForDeliveries(deliveries);
          const victim = run.consumers.find((consumer) => consumer.id === workerId);
          victim?.kill('SIGKILL');
          await victim?.exited;
        }
      },
    });
  }, 300_000);

  it('killed three workers by SIGKILL', () => {
    for (const [, workerId] of KILL_MILESTONES) expect(result.consumerExits[workerId]).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('loses no job and dead-letters no valid one (the retry schedule outlasts a killed job\'s lease)', () => {
    expect(result.completed).toBe(true);
    expect(result.lost).toEqual([]);
    expect(result.validJobsDeadLettered).toEqual([]);
    expect(result.delivered).toBe(result.validJobs);
  });

  it('dead-letters every malformed job', () => {
    expect(result.malformedJobs).toBe(Math.round(KILL_JOBS * KILL_MALFORMED_RATIO));
    expect(Object.keys(result.malformedReasons)).toHaveLength(result.malformedJobs);
  });
});
