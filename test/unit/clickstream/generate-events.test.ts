import { checkEventTime } from '../../../runtime/shared/clickstream-events';
import { isWithinCloudWatchWindow } from '../../../runtime/clickstream/dashboard-lambda/publish-minute-metrics';
import { DEFAULT_STEP_MS, generateClickstreamEvents } from '../../../runtime/clickstream/producer/generate-events';
import { setSystemClock, twoYearsFromNow } from './system-clock';

describe('generateClickstreamEvents event times', () => {
  afterEach(() => jest.useRealTimers());

  it('ends at now by default, whatever the date: two years ahead every event passes the consumers and CloudWatch', () => {
    // Prepare
    const now = twoYearsFromNow();
    setSystemClock(now);

    // Act
    const events = generateClickstreamEvents({ events: 2000, users: 50, seed: 3 });

    // Assert
    const times = events.map((event) => Date.parse(event.timestamp));
    expect(times[0]).toBe(now - 2000 * DEFAULT_STEP_MS);
    expect(Math.max(...times)).toBeLessThanOrEqual(now);
    for (const event of events) expect(() => checkEventTime(event, now)).not.toThrow();
    expect(times.every((time) => isWithinCloudWatchWindow(time, now))).toBe(true);
  });

  it('reproduces a run exactly when the start time is pinned, on any clock', () => {
    // Prepare
    const options = { events: 300, users: 10, seed: 8, startTimeMs: Date.UTC(2030, 0, 1) };
    const today = generateClickstreamEvents(options);
    setSystemClock(twoYearsFromNow());

    // Act
    const later = generateClickstreamEvents(options);

    // Assert
    expect(later).toEqual(today);
    expect(later[0]?.timestamp).toBe('2030-01-01T00:00:00.000Z');
  });
});

describe('isWithinCloudWatchWindow', () => {
  const now = Date.UTC(2031, 5, 1);
  const day = 24 * 3600 * 1000;

  it.each([
    ['now', now, true],
    ['13 days ago', now - 13 * day, true],
    ['just over 14 days ago', now - 14 * day, false],
    ['an hour ahead', now + 3600 * 1000, true],
    ['two hours ahead', now + 2 * 3600 * 1000, false],
  ])('%s: %p', (_case, minute, accepted) => {
    expect(isWithinCloudWatchWindow(minute, now)).toBe(accepted);
  });
});
