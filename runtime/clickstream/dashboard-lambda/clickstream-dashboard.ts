/**
 * The dashboard consumer's batch logic, with its dependencies injected (handler.ts wires them).
 *
 * It aggregates the whole batch at once, so it does not use Powertools' per-record BatchProcessor:
 * there is no per-record side effect to fail or to retry.
 *
 * KPL aggregated records are deaggregated first; every figure counts user records. Invalid user
 * records (and corrupt aggregates) are counted (`InvalidEvents`), logged with their reason and
 * skipped, never reported as failures. This consumer is best-effort analytics: one bad record must not hold back
 * the graphs of everyone else, retrying cannot fix it, and the processor consumer already routes the
 * same record to its on-failure destination for inspection.
 *
 * Figures are per batch: PageViews and TopPageViews add up across batches (graph them with Sum),
 * ActiveUsers counts distinct users per minute within one batch (a user seen in two batches of one
 * minute counts in both).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import type { ClickstreamEvent } from '../../shared/clickstream-events';
import { decodeKinesisClickstreamRecord } from '../../shared/clickstream-record-codec';
import { deaggregateLambdaKinesisRecord, type LambdaKinesisUserRecord } from '../../shared/kpl/deaggregate-lambda-record';
import { aggregateClickstream } from './aggregate';
import { DASHBOARD_METRICS, publishMinuteMetrics } from './publish-minute-metrics';

/** Dependencies of the dashboard consumer. */
export interface ClickstreamDashboardDependencies {
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** How many top pages per minute to publish. */
  readonly topPagesCount: number;
  /**
   * The clock CloudWatch's timestamp window is measured from (epoch ms).
   * @default Date.now
   */
  readonly now?: () => number;
}

/** Builds the Lambda handler function around the given dependencies. */
export function createClickstreamDashboard(
  dependencies: ClickstreamDashboardDependencies,
): (event: KinesisStreamEvent, context: Context) => Promise<KinesisStreamBatchResponse> {
  const { logger, metrics, topPagesCount } = dependencies;
  const now = dependencies.now ?? ((): number => Date.now());
  return async (event) => {
    const { events, invalidEvents } = decodeBatch(logger, event.Records);
    const aggregates = aggregateClickstream(events, { topPagesCount });
    const minutes = publishMinuteMetrics(metrics, aggregates, now());
    if (invalidEvents > 0) {
      // A separate metric object: it is stamped "now", not with a data minute.
      metrics.singleMetric().addMetric(DASHBOARD_METRICS.invalidEvents, MetricUnit.Count, invalidEvents);
    }
    logger.info('Batch aggregated', {
      records: event.Records.length,
      userRecords: events.length + invalidEvents,
      invalidEvents,
      minutes: aggregates.perMinute.length,
      // One count per batch, not a line per metric: a replay of old data is normal, not an incident.
      minutesOutsideCloudWatchWindow: minutes.outsideCloudWatchWindow,
    });
    return { batchItemFailures: [] };
  };
}

/**
 * Decodes every user record of the batch (KPL aggregates are unpacked: Lambda does not do it). A
 * corrupt aggregate counts as one invalid record and contributes nothing: its user records cannot
 * be trusted, and half of it would skew the figures silently.
 */
function decodeBatch(logger: Logger, records: readonly KinesisStreamRecord[]): { events: ClickstreamEvent[]; invalidEvents: number } {
  const events: ClickstreamEvent[] = [];
  let invalidEvents = 0;
  const skip = (record: KinesisStreamRecord, error: unknown, userRecord?: LambdaKinesisUserRecord): void => {
    invalidEvents += 1;
    logger.warn('Invalid clickstream record skipped by the dashboard', {
      sequenceNumber: record.kinesis.sequenceNumber,
      ...(userRecord?.aggregated === true ? { subSequenceNumber: userRecord.subSequenceNumber } : {}),
      partitionKey: userRecord?.partitionKey ?? record.kinesis.partitionKey,
      eventSourceRecordId: record.eventID,
      reason: (error as Error).message,
    });
  };
  for (const record of records) {
    let userRecords: LambdaKinesisUserRecord[];
    try {
      userRecords = deaggregateLambdaKinesisRecord(record.kinesis);
    } catch (error) {
      skip(record, error);
      continue;
    }
    for (const userRecord of userRecords) {
      try {
        events.push(decodeKinesisClickstreamRecord(userRecord));
      } catch (error) {
        skip(record, error, userRecord);
      }
    }
  }
  return { events, invalidEvents };
}
