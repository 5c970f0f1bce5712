import { runEmailDemo, type EmailDemoResult, type RunningEmailDemo } from '../../local/email-demo';
import { EMAIL_CONSUMER_MODES, EMAIL_TEST_CONTEXT } from './helpers/email-test-context';

const JOBS = 240;
/** Long enough that the kill lands while the sink is holding a reply ("sending, not yet accepted"). */
const DATA_RESPONSE_DELAY_MS = 300;

/**
 * Waits for the sink to hold a message from `workerId`, then SIGKILLs that worker: the message it
 * was sending is never acknowledged, its leases must expire and survivors must deliver its jobs.
 */
async function killWhileSending(run: RunningEmailDemo, workerId: string): Promise<void> {
  const worker = run.consumers.find((consumer) => consumer.id === workerId);
  if (worker === undefined) throw new Error(`no consumer ${workerId}`);
  await new Promise<void>((resolve) => {
    const unsubscribe = run.sink.onHeld((delivery) => {
      if (delivery.clientUser !== workerId) return;
      unsubscribe();
      worker.kill('SIGKILL');
      resolve();
    });
  });
  await worker.exited;
}

describe.each(EMAIL_CONSUMER_MODES)('email consumers under faults (%s)', (consumers) => {
  let result: EmailDemoResult;

  beforeAll(async () => {
    result = await runEmailDemo({
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
