/**
 * The EMF metrics the email worker publishes (through Powertools Metrics), as CloudWatch metric
 * objects for the dashboard. Powertools reads the namespace and service from the environment
 * variables below, and adds the `service` dimension itself.
 */
import { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { EMAIL_WORKER_METRICS } from '../../runtime/email-worker/metric-names';

export { EMAIL_WORKER_METRICS } from '../../runtime/email-worker/metric-names';

/** Powertools' own environment variables that carry the namespace and service name. */
export const POWERTOOLS_ENV = {
  POWERTOOLS_SERVICE_NAME: EMAIL_WORKER_METRICS.service,
  POWERTOOLS_METRICS_NAMESPACE: EMAIL_WORKER_METRICS.namespace,
} as const;

/** One of the email worker's EMF metrics, per minute. */
export function emailWorkerMetric(metricName: string, statistic: 'Sum' | 'Average' | 'p99'): Metric {
  return new Metric({
    namespace: EMAIL_WORKER_METRICS.namespace,
    metricName,
    dimensionsMap: { service: EMAIL_WORKER_METRICS.service },
    statistic,
    period: Duration.minutes(1),
  });
}
