/** The clickstream both clickstream patterns send: one generator and one hot-user choice, so their figures compare. */
import { clickstreamTraffic, HOT_USER_SHARE } from '../../../../local/patterns/clickstream-traffic';

describe('clickstreamTraffic', () => {
  it('gives every caller of one process the very same events and hot user', () => {
    const forKinesis = clickstreamTraffic({ events: 500, users: 50 });
    const forKafka = clickstreamTraffic({ events: 500, users: 50 });

    expect(forKafka).toEqual(forKinesis);
  });

  it('makes one of the generated users the hot one, with the shared share of the events', () => {
    const { events, hotUserId } = clickstreamTraffic({ events: 1000, users: 50 });

    const users = new Set(events.map((event) => event.userId));
    const hotShare = events.filter((event) => event.userId === hotUserId).length / events.length;

    expect(users.size).toBeLessThanOrEqual(50);
    expect(hotUserId).toMatch(/^user-\d+$/);
    expect(hotShare).toBeGreaterThanOrEqual(HOT_USER_SHARE);
    expect(hotShare).toBeLessThan(HOT_USER_SHARE + 0.05);
  });

  it('keeps each user\'s events in increasing time order, recent enough for CloudWatch metrics', () => {
    const now = Date.now();
    const { events } = clickstreamTraffic({ events: 400, users: 20 });

    const lastByUser = new Map<string, number>();
    const inversions = events.filter((event) => {
      const time = Date.parse(event.timestamp);
      const earlier = (lastByUser.get(event.userId) ?? -Infinity) > time;
      lastByUser.set(event.userId, time);
      return earlier;
    });

    expect(inversions).toEqual([]);
    expect(now - Date.parse(events[0]?.timestamp ?? '')).toBeLessThan(14 * 24 * 3600 * 1000);
  });
});
