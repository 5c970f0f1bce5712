/**
 * Publishes the per-minute aggregates as CloudWatch embedded-metric-format (EMF) lines, each stamped
 * with its minute (event time), so CloudWatch files every figure under the minute it happened in.
 */
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { ClickstreamAggregates, MinuteAggregate } from './aggregate';
import { DASHBOARD_METRICS, TOP_PAGE_DIMENSION } from './metric-names';

export { DASHBOARD_METRICS, TOP_PAGE_DIMENSION } from './metric-names';

/**
 * The timestamps CloudWatch accepts for a metric data point: "up to two weeks in the past and up to
 * two hours into the future" (CloudWatch User Guide, Concepts, Time stamps:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#about_timestamp;
 * Powertools' EMF_MAX_TIMESTAMP_PAST_AGE and EMF_MAX_TIMESTAMP_FUTURE_AGE are the same 14 days and
 * 2 hours). A minute is kept one minute inside each edge, so the clock moving while a batch is
 * published never turns a kept minute into a refused one.
 */
export const CLOUDWATCH_TIMESTAMP_WINDOW_MS = {
  past: 14 * 24 * 3600 * 1000,
  future: 2 * 3600 * 1000,
  margin: 60 * 1000,
} as const;

/** What publishMinuteMetrics did with a batch's minutes. */
export interface PublishedMinutes {
  /** Minutes published. */
  readonly published: number;
  /** Minutes CloudWatch would refuse (outside its timestamp window, relative to now): not published. */
  readonly outsideCloudWatchWindow: number;
}

/** True when CloudWatch accepts a data point stamped `minuteEpochMs` at `nowMs`. */
export function isWithinCloudWatchWindow(minuteEpochMs: number, nowMs: number): boolean {
  const { past, future, margin } = CLOUDWATCH_TIMESTAMP_WINDOW_MS;
  return minuteEpochMs >= nowMs - past + margin && minuteEpochMs <= nowMs + future - margin;
}

/**
 * One EMF line per minute with PageViews and ActiveUsers, plus one TopPageViews line per top page
 * (dimension `page`). A minute outside CloudWatch's timestamp window (a replay of old data, a client
 * clock far off) is counted instead of published: CloudWatch would drop it anyway, and Powertools
 * would print a warning per metric line, thousands for one replay.
 */
export function publishMinuteMetrics(metrics: Metrics, aggregates: ClickstreamAggregates, nowMs: number): PublishedMinutes {
  let published = 0;
  for (const minute of aggregates.perMinute) {
    if (!isWithinCloudWatchWindow(minute.minuteEpochMs, nowMs)) continue;
    publishMinute(metrics, minute);
    published += 1;
  }
  return { published, outsideCloudWatchWindow: aggregates.perMinute.length - published };
}

function publishMinute(metrics: Metrics, minute: MinuteAggregate): void {
  metrics.setTimestamp(minute.minuteEpochMs);
  metrics.addMetric(DASHBOARD_METRICS.pageViews, MetricUnit.Count, minute.pageViews);
  metrics.addMetric(DASHBOARD_METRICS.activeUsers, MetricUnit.Count, minute.activeUsers);
  metrics.publishStoredMetrics();
  for (const { page, views } of minute.topPages) {
    // A single metric is flushed by addMetric, so its timestamp and dimension come first.
    const topPageMetric = metrics.singleMetric();
    topPageMetric.setTimestamp(minute.minuteEpochMs);
    topPageMetric.addDimension(TOP_PAGE_DIMENSION, page);
    topPageMetric.addMetric(DASHBOARD_METRICS.topPageViews, MetricUnit.Count, views);
  }
}
