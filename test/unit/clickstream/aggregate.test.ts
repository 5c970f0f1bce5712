import { aggregateClickstream } from '../../../runtime/clickstream/dashboard-lambda/aggregate';
import { generateClickstreamEvents } from '../../../runtime/clickstream/producer/generate-events';
import { aClick, aPageView, aSearch } from '../../factories/clickstream-events';

describe('aggregateClickstream', () => {
  it('counts page views, distinct active users and top pages per event-time minute', () => {
    // Prepare
    const events = [
      aPageView({ userId: 'u1', page: '/a', timestamp: '2026-11-21T10:00:05Z' }),
      aPageView({ userId: 'u1', page: '/a', timestamp: '2026-11-21T10:00:15Z' }),
      aPageView({ userId: 'u2', page: '/b', timestamp: '2026-11-21T10:00:59.999Z' }),
      aClick({ userId: 'u3', page: '/b', timestamp: '2026-11-21T10:00:30Z' }),
      aSearch({ userId: 'u2', timestamp: '2026-11-21T10:01:00Z' }),
      aPageView({ userId: 'u4', page: '/c', timestamp: '2026-11-21T10:01:01Z' }),
    ];

    // Act
    const { perMinute } = aggregateClickstream(events);

    // Assert
    expect(perMinute).toEqual([
      {
        minute: '2026-11-21T10:00:00.000Z',
        minuteEpochMs: Date.parse('2026-11-21T10:00:00Z'),
        pageViews: 3,
        activeUsers: 3,
        topPages: [
          { page: '/a', views: 2 },
          { page: '/b', views: 1 },
        ],
      },
      {
        minute: '2026-11-21T10:01:00.000Z',
        minuteEpochMs: Date.parse('2026-11-21T10:01:00Z'),
        pageViews: 1,
        activeUsers: 2,
        topPages: [{ page: '/c', views: 1 }],
      },
    ]);
  });

  it('buckets by UTC minute whatever the timestamp offset', () => {
    // Prepare
    const events = [aPageView({ timestamp: '2026-11-21T11:00:30+01:00' }), aPageView({ timestamp: '2026-11-21T10:00:45Z' })];

    // Act
    const { perMinute } = aggregateClickstream(events);

    // Assert
    expect(perMinute.map((minute) => [minute.minute, minute.pageViews])).toEqual([['2026-11-21T10:00:00.000Z', 2]]);
  });

  it('keeps only the top N pages, ties broken by page name', () => {
    // Prepare
    const pages = ['/z', '/y', '/y', '/x', '/x', '/w'];
    const events = pages.map((page) => aPageView({ page }));

    // Act
    const { perMinute } = aggregateClickstream(events, { topPagesCount: 3 });

    // Assert
    expect(perMinute[0]?.topPages).toEqual([
      { page: '/x', views: 2 },
      { page: '/y', views: 2 },
      { page: '/w', views: 1 },
    ]);
  });

  it('counts a duplicated event (same eventId) once', () => {
    // Prepare
    const event = aPageView({ userId: 'u1' });

    // Act
    const { perMinute } = aggregateClickstream([event, { ...event }]);

    // Assert
    expect(perMinute[0]?.pageViews).toBe(1);
  });

  it('is deterministic: any arrival order of the same events gives the same aggregates', () => {
    // Prepare
    const events = generateClickstreamEvents({ events: 500, users: 40, seed: 7 });
    const reversed = [...events].reverse();

    // Act
    const forward = aggregateClickstream(events);
    const backward = aggregateClickstream(reversed);

    // Assert
    expect(backward).toEqual(forward);
    expect(forward.perMinute.reduce((sum, minute) => sum + minute.pageViews, 0)).toBe(
      events.filter((event) => event.type === 'page_view').length,
    );
  });

  it('returns no minutes for no events', () => {
    expect(aggregateClickstream([]).perMinute).toEqual([]);
  });
});
