import { MAX_RETRY_DELAY_SECONDS, retryDelaySeconds } from '../../../runtime/email-worker/retry-delay';

describe('retryDelaySeconds', () => {
  it.each([
    [1, 5],
    [2, 10],
    [3, 20],
    [4, 40],
  ])('doubles per receive: receive %i waits %i s', (receiveCount, expected) => {
    expect(retryDelaySeconds({ receiveCount, baseDelaySeconds: 5 })).toBe(expected);
  });

  it('keeps doubling past a short queue visibility timeout (30 s base: 30, 60, 120, 240 s)', () => {
    expect([1, 2, 3, 4].map((receiveCount) => retryDelaySeconds({ receiveCount, baseDelaySeconds: 30 }))).toEqual([30, 60, 120, 240]);
  });

  it('never waits longer than 15 minutes', () => {
    expect(MAX_RETRY_DELAY_SECONDS).toBe(900);
    expect(retryDelaySeconds({ receiveCount: 12, baseDelaySeconds: 5 })).toBe(900);
  });

  it('keeps a zero base delay at zero (retry at once)', () => {
    expect(retryDelaySeconds({ receiveCount: 3, baseDelaySeconds: 0 })).toBe(0);
  });
});
