/**
 * Publishes the per-minute aggregates as CloudWatch embedded-metric-format (EMF) lines, each stamped
 * with its minute (event time), so CloudWatch files every figure under the minute it happened in.
 */
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { ClickstreamAggregates } from './aggregate';
import { DASHBOARD_METRICS, TOP_PAGE_DIMENSION } from './metric-names';

export { DASHBOARD_METRICS, TOP_PAGE_DIMENSION } from './metric-names';

/**
 * One EMF line per minute with PageViews and ActiveUsers, plus one TopPageViews line per top page
 * (dimension `page`). CloudWatch ignores EMF timestamps more than 14 days old, so a replay of older
 * data recomputes aggregates but does not backfill the graphs.
 */
export function publishMinuteMetrics(metrics: Metrics, aggregates: ClickstreamAggregates): void {
  for (const minute of aggregates.perMinute) {
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
}
