/**
 * The handlers' EMF metrics on AWS: CloudWatch extracts them from the log lines, typically a minute
 * or more after they are written, so a sum is polled until it reaches what the run expects or a
 * deadline passes. A sum of nothing is `null` (not observed), never 0.
 */
import { GetMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { pollUntil } from './poll-until';
import type { MetricQuery, MetricSource } from './run-target';

/** One-minute periods: the finest resolution of standard (not high-resolution) EMF metrics. */
const PERIOD_SECONDS = 60;
/** Every 15 s: an EMF metric moves once a minute at most. */
const METRIC_POLL_INTERVAL_MS = 15_000;
/** Datapoints are filed under whole minutes: one minute of slack on each side of the window. */
const MINUTE_MS = 60_000;

/** Reads metric sums with GetMetricData. */
export class CloudWatchMetricSource implements MetricSource {
  readonly unavailableReason = 'CloudWatch had no datapoint before the metrics deadline (it ingests EMF with a lag of a minute or more)';

  constructor(private readonly cloudWatch: CloudWatchClient) {}

  async sum(query: MetricQuery, atLeast: number, deadlineMs: number): Promise<number | null> {
    const { value } = await pollUntil(
      () => this.sumOnce(query),
      (sum) => sum !== null && sum >= atLeast,
      { deadlineMs, intervalMs: METRIC_POLL_INTERVAL_MS },
    );
    return value;
  }

  /** The metric's Sum over the window, or null when CloudWatch has no datapoint for it. */
  async sumOnce(query: MetricQuery): Promise<number | null> {
    let total: number | null = null;
    let nextToken: string | undefined;
    do {
      const page = await this.cloudWatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(query.since.getTime() - MINUTE_MS),
          EndTime: new Date(Date.now() + (query.lookAheadMs ?? MINUTE_MS)),
          NextToken: nextToken,
          MetricDataQueries: [{ Id: 'sum', MetricStat: { Metric: metricOf(query), Period: PERIOD_SECONDS, Stat: 'Sum' } }],
        }),
      );
      for (const value of page.MetricDataResults?.[0]?.Values ?? []) total = (total ?? 0) + value;
      nextToken = page.NextToken;
    } while (nextToken !== undefined);
    return total;
  }
}

function metricOf(query: MetricQuery): { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] } {
  return {
    Namespace: query.namespace,
    MetricName: query.metricName,
    Dimensions: Object.entries(query.dimensions).map(([Name, Value]) => ({ Name, Value })),
  };
}

/** LocalStack's free tier stores CloudWatch metrics but does not extract EMF from logs: every sum is null. */
export const NO_EMF_EXTRACTION: MetricSource = {
  unavailableReason: 'LocalStack does not turn EMF log lines into CloudWatch metrics',
  sum: () => Promise.resolve(null),
};
