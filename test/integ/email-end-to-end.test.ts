import { runEmbeddedEmail, type EmailRunResult } from '../../local/email/email-run';
import { EMAIL_CONSUMER_MODES, EMAIL_TEST_CONTEXT } from './helpers/email-test-context';

const JOBS = 2_000;
const MALFORMED_RATIO = 0.05;
const TRANSIENT_RATIO = 0.02;
/** Least share of the mails each of the two workers sends. */
const MIN_SHARE_PER_WORKER = 0.1;

describe.each(EMAIL_CONSUMER_MODES)('email worker end to end (%s)', (consumers) => {
  let result: EmailRunResult;

  beforeAll(async () => {
    result = await runEmbeddedEmail({
      consumers,
      jobs: JOBS,
      malformedRatio: MALFORMED_RATIO,
      transientRatio: TRANSIENT_RATIO,
      workers: 2,
      context: EMAIL_TEST_CONTEXT,
      showProgress: false,
      log: () => undefined,
      deadlineMs: 60_000,
    });
  }, 100_000);

  it('accounts for every job', () => {
    expect(result.lost).toEqual([]);
    expect(result.completed).toBe(true);
  });

  it('delivers every valid job exactly once, including those that failed transiently twice', () => {
    expect(result.delivered).toBe(result.validJobs);
    expect(result.duplicates).toBe(0);
    expect(result.validJobsDeadLettered).toEqual([]);
  });

  it('dead-letters every malformed job with its reason', () => {
    expect(result.malformedJobs).toBe(Math.round(JOBS * MALFORMED_RATIO));
    expect(Object.keys(result.malformedReasons)).toHaveLength(result.malformedJobs);
    expect(result.deadLetterReasons).toEqual(
      expect.objectContaining({ 'malformed JSON': expect.any(Number), 'to is not a valid email address': expect.any(Number) }),
    );
  });

  it('spreads the work over every consumer process', () => {
    const shares = Object.values(result.perWorker);
    const mails = shares.reduce((sum, count) => sum + count, 0);

    expect(Object.keys(result.perWorker).sort()).toEqual(['worker-1', 'worker-2']);
    // Every mail the sink acknowledged is counted once, under the worker that sent it.
    expect(mails).toBe(result.delivered + result.duplicates);
    // Competing consumers on one queue: neither may sit idle while the other does the work. The
    // bound is loose (a worker added under backlog starts late), but a consumer that only took a
    // handful of messages fails it.
    for (const count of shares) expect(count).toBeGreaterThanOrEqual(Math.floor(MIN_SHARE_PER_WORKER * mails));
  });

  it("counts the sends in the consumers' EMF lines, as CloudWatch would on AWS", () => {
    // Every consumer flushes its metrics when it drains, so the local EmailsSent equals the sink's count.
    expect(result.emailsSentMetric).toBe(result.delivered + result.duplicates);
  });
});
