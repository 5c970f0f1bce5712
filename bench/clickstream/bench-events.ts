import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';

/** Options of {@link makeBenchEvents}. */
export interface BenchEventsOptions {
  /** Events to make. */
  readonly count: number;
  /** Distinct users; events go to users round-robin, so any `userCount` consecutive events have distinct users. */
  readonly userCount: number;
  /** Timestamp of the first event; each next one is 1 ms later. @default 2026-11-01T00:00:00.000Z */
  readonly startAt?: Date;
}

const PAGES = ['/', '/products', '/products/42', '/cart', '/checkout', '/search', '/help'] as const;
const DEFAULT_START = new Date('2026-11-01T00:00:00.000Z');

/**
 * The events both contenders send: deterministic (no randomness, so every run and contender sends
 * the same bytes), valid against the shared schema, and a mix of the three event types.
 */
export function makeBenchEvents(options: BenchEventsOptions): ClickstreamEvent[] {
  const startMs = (options.startAt ?? DEFAULT_START).getTime();
  return Array.from({ length: options.count }, (_, index): ClickstreamEvent => {
    const common = {
      eventId: `bench-${index}`,
      userId: `user-${index % options.userCount}`,
      timestamp: new Date(startMs + index).toISOString(),
      page: PAGES[index % PAGES.length],
    };
    switch (index % 3) {
      case 0:
        return { ...common, type: 'page_view', referrer: PAGES[(index + 1) % PAGES.length] };
      case 1:
        return { ...common, type: 'click', elementId: `button-${index % 10}` };
      default:
        return { ...common, type: 'search', query: `query ${index % 50}`, resultCount: index % 20 };
    }
  });
}
