/** Record factories for clickstream events: valid by default, override what a test is about. */
import type { ClickEvent, PageViewEvent, SearchEvent } from '../../runtime/shared/clickstream-events';

let nextEventNumber = 1;
const nextEventId = (): string => `test-event-${nextEventNumber++}`;

export function aPageView(overrides: Partial<PageViewEvent> = {}): PageViewEvent {
  return { eventId: nextEventId(), userId: 'user-1', type: 'page_view', timestamp: '2026-11-21T10:00:00.000Z', page: '/', ...overrides };
}

export function aClick(overrides: Partial<ClickEvent> = {}): ClickEvent {
  return {
    eventId: nextEventId(),
    userId: 'user-1',
    type: 'click',
    timestamp: '2026-11-21T10:00:00.000Z',
    page: '/',
    elementId: 'buy-button',
    ...overrides,
  };
}

export function aSearch(overrides: Partial<SearchEvent> = {}): SearchEvent {
  return {
    eventId: nextEventId(),
    userId: 'user-1',
    type: 'search',
    timestamp: '2026-11-21T10:00:00.000Z',
    page: '/docs',
    query: 'shards',
    resultCount: 3,
    ...overrides,
  };
}
