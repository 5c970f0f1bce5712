import { fullJitterDelayMs } from '../../../runtime/shared/backoff';

describe('fullJitterDelayMs', () => {
  it('makes baseDelayMs the ceiling of the first retry and doubles it per failure', () => {
    const settings = { baseDelayMs: 100, maxDelayMs: 10_000 };
    const ceilings = [1, 2, 3, 4].map((failedAttempts) => fullJitterDelayMs(failedAttempts, settings, () => 0.999_999));
    expect(ceilings).toEqual([99, 199, 399, 799]);
  });

  it('scales the exponential ceiling by the random draw', () => {
    expect(fullJitterDelayMs(3, { baseDelayMs: 100, maxDelayMs: 10_000 }, () => 0.5)).toBe(200);
  });

  it('never exceeds the cap', () => {
    expect(fullJitterDelayMs(30, { baseDelayMs: 100, maxDelayMs: 2_000 }, () => 0.999)).toBe(1998);
  });

  it('treats zero failures like the first (no fractional ceiling)', () => {
    expect(fullJitterDelayMs(0, { baseDelayMs: 100, maxDelayMs: 2_000 }, () => 0.5)).toBe(50);
  });

  it('draws from 0 (full jitter: no floor)', () => {
    expect(fullJitterDelayMs(5, { baseDelayMs: 100, maxDelayMs: 2_000 }, () => 0)).toBe(0);
  });
});
