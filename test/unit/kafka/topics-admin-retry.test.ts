import { MultipleErrors, NetworkError, ProtocolError, ResponseError, TimeoutError, UserError } from '@platformatic/kafka';
import { decideRetry, withAdminRetry, type AdminRetryNotice, type AdminRetryPolicy } from '../../../runtime/kafka/topics-lambda/admin-retry';
import { TopicAdminError } from '../../../runtime/kafka/topics-lambda/topic-admin-error';
import { EnvironmentError } from '../../../runtime/shared/errors';

const CREATE_TOPICS_API_KEY = 19;
const NOW = 1_000_000;

/** What Admin.createTopics rejects with when the broker answers `codes` (as @platformatic/kafka builds it). */
function createTopicsFailure(...codes: number[]): Error {
  const perTopic = Object.fromEntries(codes.map((code, index): [string, [number, string | null]] => [`/topics/${index}`, [code, null]]));
  return new MultipleErrors('Creating topics failed.', [new ResponseError(CREATE_TOPICS_API_KEY, 7, perTopic, {})]);
}

function policy(overrides: Partial<AdminRetryPolicy> = {}): AdminRetryPolicy {
  return { maxAttempts: 5, backoff: { baseDelayMs: 100, maxDelayMs: 1_000 }, deadline: NOW + 60_000, ...overrides };
}

describe('decideRetry', () => {
  it.each([
    ['NOT_CONTROLLER (41), the controller moved', createTopicsFailure(41)],
    ['REQUEST_TIMED_OUT (7)', createTopicsFailure(7)],
    ['THROTTLING_QUOTA_EXCEEDED (89)', createTopicsFailure(89)],
    ['LEADER_NOT_AVAILABLE (5)', createTopicsFailure(5)],
    ['a bare NOT_CONTROLLER ProtocolError', new ProtocolError('NOT_CONTROLLER')],
    ['a refused connection (NetworkError)', new NetworkError('Connection refused')],
    ['a request that timed out on the client', new TimeoutError('Request timed out', { canRetry: true })],
  ])('retries %s', (_, error) => {
    expect(decideRetry(error, 1, policy(), NOW, () => 0.5)).toEqual({ retry: true, delayMs: 50 });
  });

  it.each([
    ['TOPIC_ALREADY_EXISTS (36)', createTopicsFailure(36)],
    ['TOPIC_AUTHORIZATION_FAILED (29)', createTopicsFailure(29)],
    ['INVALID_CONFIG (40)', createTopicsFailure(40)],
    ['POLICY_VIOLATION (44)', createTopicsFailure(44)],
    ['a retriable and a permanent error in one answer', createTopicsFailure(41, 29)],
    ['a client usage error', new UserError('Unknown topic events.')],
    ['an error from outside the client', new TypeError('x is undefined')],
    ['a thrown non-error', 'boom'],
  ])('does not retry %s', (_, error) => {
    expect(decideRetry(error, 1, policy(), NOW)).toEqual({ retry: false, reason: 'not retriable' });
  });

  it('stops at maxAttempts, counting the first attempt', () => {
    const error = createTopicsFailure(41);

    expect(decideRetry(error, 4, policy({ maxAttempts: 5 }), NOW).retry).toBe(true);
    expect(decideRetry(error, 5, policy({ maxAttempts: 5 }), NOW)).toEqual({ retry: false, reason: 'retriable, but 5 attempts is the limit' });
  });

  it('never sleeps past the deadline', () => {
    const error = createTopicsFailure(41);
    const tight = policy({ deadline: NOW + 400 });

    // Third failure: ceiling 400 ms. At NOW a 399 ms sleep ends inside the deadline; 300 ms later a 200 ms one would not.
    expect(decideRetry(error, 3, tight, NOW, () => 0.999)).toEqual({ retry: true, delayMs: 399 });
    expect(decideRetry(error, 3, tight, NOW + 300, () => 0.5).retry).toBe(false);
    expect(decideRetry(error, 1, policy({ deadline: NOW - 1 }), NOW, () => 0)).toEqual({ retry: false, reason: 'retriable, but no time is left before the function times out' });
  });

  it('jitters within the exponential ceiling, capped at maxDelayMs', () => {
    const error = createTopicsFailure(41);
    const ceilings = [1, 2, 3, 4, 5].map((failures) => decideRetry(error, failures, policy({ maxAttempts: 10 }), NOW, () => 0.999_999));

    expect(ceilings.map((decision) => (decision.retry ? decision.delayMs : -1))).toEqual([99, 199, 399, 799, 999]);
  });
});

describe('withAdminRetry', () => {
  function clock(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
    let time = NOW;
    const slept: number[] = [];
    return { now: () => time, sleep: async (ms) => { slept.push(ms); time += ms; }, slept };
  }

  it('returns the result once a retriable failure clears, after jittered sleeps, telling onRetry each time', async () => {
    const time = clock();
    const notices: AdminRetryNotice[] = [];
    const operation = jest.fn<Promise<string>, []>()
      .mockRejectedValueOnce(createTopicsFailure(41))
      .mockRejectedValueOnce(createTopicsFailure(7))
      .mockResolvedValueOnce('done');

    const result = await withAdminRetry(() => 'topic events: CreateTopics', operation, { policy: policy(), ...time, random: () => 0.5, onRetry: (notice) => notices.push(notice) });

    expect(result).toBe('done');
    expect(operation).toHaveBeenCalledTimes(3);
    expect(time.slept).toEqual([50, 100]);
    expect(notices.map((notice) => [notice.step, notice.failedAttempts, notice.failures.map((failure) => failure.id)])).toEqual([
      ['topic events: CreateTopics', 1, ['NOT_CONTROLLER']],
      ['topic events: CreateTopics', 2, ['REQUEST_TIMED_OUT']],
    ]);
  });

  it('fails a permanent error at once, naming the topic, the call and the Kafka code', async () => {
    const time = clock();
    const operation = jest.fn<Promise<string>, []>().mockRejectedValue(createTopicsFailure(29));

    const failure = await withAdminRetry(() => 'topic events: CreateTopics', operation, { policy: policy(), ...time }).catch((error: unknown) => error);

    expect(operation).toHaveBeenCalledTimes(1);
    expect(time.slept).toEqual([]);
    expect(failure).toBeInstanceOf(TopicAdminError);
    expect(failure).toBeInstanceOf(EnvironmentError);
    expect((failure as TopicAdminError).message).toMatch(/^topic events: CreateTopics failed after 1 attempt \(not retriable\): TOPIC_AUTHORIZATION_FAILED \(29\): /);
    expect((failure as TopicAdminError).kafkaErrorIds).toEqual(['TOPIC_AUTHORIZATION_FAILED']);
  });

  it('gives up on a retriable error after maxAttempts, with the code and the attempt count', async () => {
    const time = clock();
    const operation = jest.fn<Promise<string>, []>().mockRejectedValue(createTopicsFailure(41));

    const failure = await withAdminRetry(() => 'topic events: CreateTopics', operation, { policy: policy({ maxAttempts: 4 }), ...time, random: () => 0 }).catch((error: unknown) => error);

    expect(operation).toHaveBeenCalledTimes(4);
    expect(time.slept).toHaveLength(3);
    expect((failure as TopicAdminError).message).toMatch(/^topic events: CreateTopics failed after 4 attempts \(retriable, but 4 attempts is the limit\): NOT_CONTROLLER \(41\): /);
    expect((failure as TopicAdminError).attempts).toBe(4);
  });

  it('gives up when the next sleep would pass the deadline, well before maxAttempts', async () => {
    const time = clock();
    const operation = jest.fn<Promise<string>, []>().mockRejectedValue(createTopicsFailure(41));

    // Draws of 0.999: sleeps of 99, 199, 399 ms; the fourth (799 ms) would end past NOW + 1000.
    const failure = await withAdminRetry(() => 'step', operation, { policy: policy({ maxAttempts: 20, deadline: NOW + 1_000 }), ...time, random: () => 0.999 }).catch((error: unknown) => error);

    expect(time.slept).toEqual([99, 199, 399]);
    expect((failure as TopicAdminError).reason).toBe('retriable, but no time is left before the function times out');
  });
});
