import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';

/** Options of {@link makeBenchEvents}. */
export interface BenchEventsOptions {
  /** Events to make. */
  readonly count: number;
  /** Distinct users; events go to users round-robin, so any `userCount` consecutive events have distinct users. */
  readonly userCount: number;
  /**
   * Share of the events (0 to 1) that go to one hot user, `user-hot`, spread evenly through the
   * run (a bot or a load test); the rest go round-robin to the `userCount` users.
   * @default 0
   */
  readonly hotUserShare?: number;
  /** Timestamp of the first event; each next one is 1 ms later. @default the start of the hour before the run's */
  readonly startAt?: Date;
}

const PAGES = ['/', '/products', '/products/42', '/cart', '/checkout', '/search', '/help'] as const;
/** The partition key of the hot user's events. */
export const HOT_USER_ID = 'user-hot';
const HOUR_MS = 3_600_000;
/**
 * Relative to the run, not a calendar date: events stay inside the window CloudWatch accepts, and a
 * whole hour keeps every contender of one run sending the same bytes.
 */
const DEFAULT_START = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS);

/**
 * The events both contenders send: deterministic (no randomness, so every run and contender sends
 * the same bytes), valid against the shared schema, and a mix of the three event types.
 */
export function makeBenchEvents(options: BenchEventsOptions): ClickstreamEvent[] {
  const startMs = (options.startAt ?? DEFAULT_START).getTime();
  return Array.from({ length: options.count }, (_, index): ClickstreamEvent => {
    const common = {
      eventId: `bench-${index}`,
      userId: userIdOf(index, options),
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

/** The hot user when the event's slot falls in the hot share, else the next round-robin user. */
function userIdOf(index: number, { userCount, hotUserShare = 0 }: BenchEventsOptions): string {
  const isHot = Math.floor((index + 1) * hotUserShare) > Math.floor(index * hotUserShare);
  return isHot ? HOT_USER_ID : `user-${index % userCount}`;
}
