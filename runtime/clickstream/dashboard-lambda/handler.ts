/**
 * Lambda entry point of the clickstream dashboard consumer (enhanced fan-out event source).
 * Wires the real dependencies; the logic is in clickstream-dashboard.ts.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { createClickstreamDashboard } from './clickstream-dashboard';
import { DASHBOARD_SERVICE_NAME } from './metric-names';
import { CLICKSTREAM_DASHBOARD_DEFAULTS, CLICKSTREAM_DASHBOARD_ENV } from './settings';
import { InvalidSettingError } from '../../shared/errors';

const SERVICE_NAME = DASHBOARD_SERVICE_NAME;
const logger = new Logger({ serviceName: SERVICE_NAME });
// Namespace from POWERTOOLS_METRICS_NAMESPACE, set by the stack.
const metrics = new Metrics({ serviceName: SERVICE_NAME });


function readTopPagesCount(): number {
  const raw = process.env[CLICKSTREAM_DASHBOARD_ENV.topPagesCount];
  if (raw === undefined) return CLICKSTREAM_DASHBOARD_DEFAULTS.topPagesCount;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new InvalidSettingError(CLICKSTREAM_DASHBOARD_ENV.topPagesCount, `must be a positive integer, got "${raw}"`);
  }
  return value;
}

let aggregateBatch: ReturnType<typeof createClickstreamDashboard> | undefined;

export async function handler(event: KinesisStreamEvent, context: Context): Promise<KinesisStreamBatchResponse> {
  logger.addContext(context);
  aggregateBatch ??= createClickstreamDashboard({ logger, metrics, topPagesCount: readTopPagesCount() });
  return aggregateBatch(event, context);
}
