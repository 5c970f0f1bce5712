/**
 * The dashboard's aggregation: page views, active users and top pages per minute.
 *
 * Pure and deterministic: minutes come from each event's own `timestamp` (event time, UTC), never
 * from the clock or the arrival time, and ties are broken by page name. So a new reader replaying
 * the stream from TRIM_HORIZON computes exactly the same aggregates from the same events.
 */
import type { ClickstreamEvent } from '../../shared/clickstream-events';
import { CLICKSTREAM_DASHBOARD_DEFAULTS } from './settings';

/** Views of one page in one minute. */
export interface PageViewCount {
  readonly page: string;
  readonly views: number;
}

/** The figures of one UTC minute. */
export interface MinuteAggregate {
  /** Start of the minute, ISO-8601 UTC (e.g. `2026-11-21T10:15:00.000Z`). */
  readonly minute: string;
  /** Start of the minute in epoch milliseconds (the EMF timestamp). */
  readonly minuteEpochMs: number;
  /** `page_view` events in the minute. */
  readonly pageViews: number;
  /** Distinct users with any event in the minute. */
  readonly activeUsers: number;
  /** The most viewed pages, most views first, ties by page name; at most `topPagesCount`. */
  readonly topPages: readonly PageViewCount[];
}

/** The aggregates of a set of events. */
export interface ClickstreamAggregates {
  /** One entry per minute that has events, oldest first. */
  readonly perMinute: readonly MinuteAggregate[];
}

/** Options of aggregateClickstream. */
export interface AggregateOptions {
  /**
   * How many pages `topPages` keeps per minute.
   * @default 5
   */
  readonly topPagesCount?: number;
}

const MS_PER_MINUTE = 60_000;

interface MinuteAccumulator {
  pageViews: number;
  readonly users: Set<string>;
  readonly viewsByPage: Map<string, number>;
}

/**
 * Aggregates events per minute. An `eventId` seen twice counts once: Kinesis is at-least-once, and a
 * producer retry after a lost response writes the same event again.
 */
export function aggregateClickstream(
  events: Iterable<ClickstreamEvent>,
  options: AggregateOptions = {},
): ClickstreamAggregates {
  const topPagesCount = options.topPagesCount ?? CLICKSTREAM_DASHBOARD_DEFAULTS.topPagesCount;
  const seenEventIds = new Set<string>();
  const minutes = new Map<number, MinuteAccumulator>();
  for (const event of events) {
    if (seenEventIds.has(event.eventId)) continue;
    seenEventIds.add(event.eventId);
    const minuteEpochMs = Math.floor(Date.parse(event.timestamp) / MS_PER_MINUTE) * MS_PER_MINUTE;
    let minute = minutes.get(minuteEpochMs);
    if (minute === undefined) {
      minute = { pageViews: 0, users: new Set(), viewsByPage: new Map() };
      minutes.set(minuteEpochMs, minute);
    }
    minute.users.add(event.userId);
    if (event.type === 'page_view') {
      minute.pageViews += 1;
      minute.viewsByPage.set(event.page, (minute.viewsByPage.get(event.page) ?? 0) + 1);
    }
  }
  const perMinute = [...minutes.entries()]
    .sort(([a], [b]) => a - b)
    .map(([minuteEpochMs, minute]) => ({
      minute: new Date(minuteEpochMs).toISOString(),
      minuteEpochMs,
      pageViews: minute.pageViews,
      activeUsers: minute.users.size,
      topPages: topPages(minute.viewsByPage, topPagesCount),
    }));
  return { perMinute };
}

function topPages(viewsByPage: ReadonlyMap<string, number>, count: number): PageViewCount[] {
  return [...viewsByPage.entries()]
    .map(([page, views]) => ({ page, views }))
    .sort((a, b) => b.views - a.views || (a.page < b.page ? -1 : a.page > b.page ? 1 : 0))
    .slice(0, count);
}
