/**
 * The shared email run on a fake deployed target: the code `--target localstack|aws` runs, with an
 * in-memory queue, table and metric source instead of AWS.
 */
import type { Message } from '@aws-sdk/client-sqs';
import { runEmailPattern } from '../../../../local/email/email-pattern-run';
import { createFakeEmailWorld } from './fake-email-target';

const quiet = { consumers: 'fargate', showProgress: false, log: () => undefined, deadlineMs: 5_000 } as const;

describe('the shared email run on a fake deployed target', () => {
  it('counts delivered jobs from COMPLETED records and malformed ones from the DLQ', async () => {
    const world = createFakeEmailWorld();
    const outcome = await runEmailPattern(world.target, { ...quiet, jobs: 40, malformedRatio: 0.1 });

    expect(outcome.completed).toBe(true);
    expect(outcome.enqueued).toBe(40);
    expect(outcome.malformed).toBe(4);
    expect(outcome.delivered).toBe(36);
    expect(outcome.deadLettered).toBe(4);
    expect(outcome.malformedDeadLettered).toBe(4);
    expect(outcome.lost).toBe(0);
    expect(outcome.details.deadLetterReasons).toEqual({ 'malformed JSON': 4 });
  });

  it('leaves what only a local run can see null, and says so', async () => {
    const outcome = await runEmailPattern(createFakeEmailWorld().target, { ...quiet, jobs: 10, malformedRatio: 0 });

    expect(outcome.perWorker).toBeNull();
    expect(outcome.orderInversions).toBeNull();
    expect(outcome.redeliveries).toBeNull();
    expect(outcome.receivableAfterRun).toBeNull();
    expect(outcome.workers).toBeNull();
    expect(outcome.notes.some((note) => note.includes('null on a deployed target'))).toBe(true);
  });

  it('reads duplicates as EmailsSent minus delivered', async () => {
    const world = createFakeEmailWorld();
    // The fake sends every job twice whose id it is told; job ids are `<run>-job-<n>`, so mark by suffix.
    const original = world.sendTwice.has.bind(world.sendTwice);
    world.sendTwice.has = (jobId: string) => jobId.endsWith('-job-3') || original(jobId);
    const outcome = await runEmailPattern(world.target, { ...quiet, jobs: 10, malformedRatio: 0 });

    expect(outcome.details.emailsSentMetric).toBe(11);
    expect(outcome.duplicates).toBe(1);
    expect(outcome.notes.some((note) => note.startsWith('email.duplicates = EmailsSent metric (11)'))).toBe(true);
  });

  it('reports duplicates as null, with the reason, when the metric is not available', async () => {
    const world = createFakeEmailWorld();
    world.withoutMetrics();
    const outcome = await runEmailPattern(world.target, { ...quiet, jobs: 10, malformedRatio: 0 });

    expect(outcome.duplicates).toBeNull();
    expect(outcome.notes).toContain('email.duplicates: null, no EmailsSent metric: the fake has no EmailsSent datapoint');
  });

  it("ignores other runs' messages in a shared DLQ", async () => {
    const world = createFakeEmailWorld();
    const foreign: Message = { MessageId: 'other-1', Body: '{"jobId":"another-run-bad-0"', ReceiptHandle: 'x' };
    world.foreignDeadLetters.push(foreign);
    const outcome = await runEmailPattern(world.target, { ...quiet, jobs: 20, malformedRatio: 0.1 });

    expect(outcome.deadLettered).toBe(2);
  });

  it('reports the jobs still unaccounted for when the deadline passes', async () => {
    const world = createFakeEmailWorld();
    world.withoutMetrics();
    const outcome = await runEmailPattern(world.target, { ...quiet, jobs: 10, malformedRatio: 0, deadlineMs: 0 });

    expect(outcome.completed).toBe(false);
    expect(outcome.notes[0]).toMatch(/^email: the run hit its deadline with \d+ job\(s\) unaccounted for$/);
  });
});
