/**
 * Structured logs and EMF metrics of the email worker (Powertools). The metrics namespace comes
 * from POWERTOOLS_METRICS_NAMESPACE, the log level from POWERTOOLS_LOG_LEVEL.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { EMAIL_WORKER_METRICS } from './metric-names';

export { EMAIL_WORKER_METRICS } from './metric-names';

export const EMAIL_WORKER_SERVICE_NAME = EMAIL_WORKER_METRICS.service;

export function createEmailWorkerLogger(): Logger {
  return new Logger({ serviceName: EMAIL_WORKER_SERVICE_NAME });
}

export function createEmailWorkerMetrics(): Metrics {
  return new Metrics({ serviceName: EMAIL_WORKER_SERVICE_NAME });
}
