import { jitteredBackoffMs, retryDelaySeconds } from '../../../lambda/email-worker/backoff';

describe('retryDelaySeconds', () => {
  it.each([
    [1, 5],
    [2, 10],
    [3, 20],
    [4, 40],
  ])('doubles per receive: receive %i waits %i s', (receiveCount, expected) => {
    expect(retryDelaySeconds({ receiveCount, baseDelaySeconds: 5, visibilityTimeoutSeconds: 300 })).toBe(expected);
  });

  it('stays one second below the visibility timeout', () => {
    expect(retryDelaySeconds({ receiveCount: 10, baseDelaySeconds: 5, visibilityTimeoutSeconds: 60 })).toBe(59);
  });

  it('keeps a zero base delay at zero (retry at once)', () => {
    expect(retryDelaySeconds({ receiveCount: 3, baseDelaySeconds: 0, visibilityTimeoutSeconds: 60 })).toBe(0);
  });
});

describe('jitteredBackoffMs', () => {
  it('scales the exponential ceiling by the random draw', () => {
    expect(jitteredBackoffMs(3, { baseMs: 100, capMs: 10_000 }, () => 0.5)).toBe(400);
  });

  it('never exceeds the cap', () => {
    expect(jitteredBackoffMs(30, { baseMs: 100, capMs: 2_000 }, () => 0.999)).toBe(1998);
  });
});
