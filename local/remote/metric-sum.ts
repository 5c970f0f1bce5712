/**
 * Sums a CloudWatch metric over a time window. EMF metrics appear only after CloudWatch has
 * ingested the log lines (typically a minute or more), and not at all on LocalStack, which does
 * not extract EMF: a sum of nothing is `null` (not observed), never 0.
 */
import { GetMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { pollUntil } from './poll-until';

/** One metric and window. */
export interface MetricQuery {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly start: Date;
  readonly end: Date;
}

/** One-minute periods: the finest resolution of standard (not high-resolution) EMF metrics. */
const PERIOD_SECONDS = 60;

/** The metric's Sum over the window, or null when CloudWatch has no datapoint for it. */
export async function sumMetric(cloudWatch: CloudWatchClient, query: MetricQuery): Promise<number | null> {
  let total: number | null = null;
  let nextToken: string | undefined;
  do {
    const page = await cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: query.start,
        EndTime: query.end,
        NextToken: nextToken,
        MetricDataQueries: [
          {
            Id: 'sum',
            MetricStat: {
              Metric: {
                Namespace: query.namespace,
                MetricName: query.metricName,
                Dimensions: Object.entries(query.dimensions).map(([Name, Value]) => ({ Name, Value })),
              },
              Period: PERIOD_SECONDS,
              Stat: 'Sum',
            },
          },
        ],
      }),
    );
    for (const value of page.MetricDataResults?.[0]?.Values ?? []) total = (total ?? 0) + value;
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
  return total;
}

/** Every 15 s: an EMF metric moves once a minute at most. */
const METRIC_POLL_INTERVAL_MS = 15_000;

/**
 * Polls the metric's sum over `start`..`end()` until it reaches `atLeast` or `deadlineMs` passes;
 * returns the last sum (null: never observed).
 */
export async function waitForMetricSum(
  cloudWatch: CloudWatchClient,
  query: Omit<MetricQuery, 'end'> & { readonly end: () => Date },
  atLeast: number,
  deadlineMs: number,
): Promise<number | null> {
  const { value } = await pollUntil(
    () => sumMetric(cloudWatch, { ...query, end: query.end() }),
    (sum) => sum !== null && sum >= atLeast,
    { deadlineMs, intervalMs: METRIC_POLL_INTERVAL_MS },
  );
  return value;
}
