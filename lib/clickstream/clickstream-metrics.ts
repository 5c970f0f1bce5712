import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { DASHBOARD_METRICS, DASHBOARD_SERVICE_NAME, TOP_PAGE_DIMENSION } from '../../runtime/clickstream/dashboard-lambda/metric-names';
import { CLICKSTREAM_METRICS_NAMESPACE } from './clickstream-function';

/**
 * The EMF metrics the dashboard Lambda publishes (Powertools adds the `service` dimension), named
 * in one place: runtime/clickstream/dashboard-lambda/metric-names.ts.
 */
export const CLICKSTREAM_BUSINESS_METRICS = {
  ...DASHBOARD_METRICS,
  /** Dimension of `TopPageViews`: the page path. */
  pageDimension: TOP_PAGE_DIMENSION,
  /** Powertools `service` dimension value of the dashboard Lambda. */
  dashboardService: DASHBOARD_SERVICE_NAME,
} as const;

/** Everything whose metrics the clickstream dashboard and alarms read. */
export interface ClickstreamMetricSources {
  readonly stream: kinesis.IStream;
  readonly streamConsumer: kinesis.IStreamConsumer;
  readonly processorFunction: lambda.IFunction;
  readonly dashboardFunction: lambda.IFunction;
  readonly deliveryStream: firehose.IDeliveryStream;
  readonly processorFailureQueue: sqs.IQueue;
  readonly dashboardFailureQueue: sqs.IQueue;
}

/** One-minute periods: the finest standard resolution, and the unit of the business metrics. */
const ONE_MINUTE = Duration.minutes(1);

/**
 * The metrics of the clickstream pattern, named for what they tell an operator. Lag metrics use
 * `Maximum`: the slowest shard is the one that loses data first.
 */
export class ClickstreamMetrics {
  constructor(private readonly sources: ClickstreamMetricSources) {}

  /** Page views per minute (sum over every dashboard invocation of that minute). */
  public pageViews(): cloudwatch.IMetric {
    return this.businessMetric(CLICKSTREAM_BUSINESS_METRICS.pageViews, 'Page views / min');
  }

  /**
   * Distinct users per minute. Users never span shards (partition key = `userId`), so per-shard
   * counts add up exactly; a user whose minute is split across two batches of one shard counts twice,
   * so the sum is an upper bound.
   */
  public activeUsers(): cloudwatch.IMetric {
    return this.businessMetric(CLICKSTREAM_BUSINESS_METRICS.activeUsers, 'Active users / min');
  }

  /** Views per page for the top pages, one line per `page` dimension value. */
  public topPageViews(): cloudwatch.IMetric {
    const m = CLICKSTREAM_BUSINESS_METRICS;
    return new cloudwatch.MathExpression({
      expression:
        `SEARCH('{${CLICKSTREAM_METRICS_NAMESPACE},${m.pageDimension},service} ` +
        `MetricName="${m.topPageViews}" service="${m.dashboardService}"', 'Sum', 60)`,
      label: 'Top pages',
      period: ONE_MINUTE,
    });
  }

  /** Records the dashboard skipped because they failed schema validation. */
  public invalidEvents(): cloudwatch.IMetric {
    return this.businessMetric(CLICKSTREAM_BUSINESS_METRICS.invalidEvents, 'Invalid events / min');
  }

  /** Records written to the stream per minute. */
  public incomingRecords(): cloudwatch.IMetric {
    return this.sources.stream.metricIncomingRecords({ statistic: cloudwatch.Stats.SUM, period: ONE_MINUTE });
  }

  /** Bytes written to the stream per minute. */
  public incomingBytes(): cloudwatch.IMetric {
    return this.sources.stream.metricIncomingBytes({ statistic: cloudwatch.Stats.SUM, period: ONE_MINUTE });
  }

  /** Writes rejected for exceeding shard throughput (1 MB/s or 1,000 records/s per shard). */
  public writeThrottles(): cloudwatch.IMetric {
    return this.sources.stream.metricWriteProvisionedThroughputExceeded({
      statistic: cloudwatch.Stats.SUM,
      period: ONE_MINUTE,
    });
  }

  /**
   * Share of PutRecord(s) records rejected for exceeding shard throughput, 0 to 1. Kinesis publishes
   * each record as 0 or 1, so Average is the rejected fraction ("the most commonly used statistic").
   */
  public writeThrottledShare(): cloudwatch.IMetric {
    return this.sources.stream.metricWriteProvisionedThroughputExceeded({
      statistic: cloudwatch.Stats.AVERAGE,
      period: ONE_MINUTE,
      label: 'Share of records throttled on write',
    });
  }

  /**
   * Share of GetRecords calls throttled (per shard: 5 calls/s and 2 MB/s, shared by every standard
   * reader), 0 to 1; Average for the same reason as {@link writeThrottledShare}.
   */
  public readThrottledShare(): cloudwatch.IMetric {
    return this.sources.stream.metricReadProvisionedThroughputExceeded({
      statistic: cloudwatch.Stats.AVERAGE,
      period: ONE_MINUTE,
      label: 'Share of GetRecords calls throttled',
    });
  }

  /** Age of the last record read by standard (shared-throughput) iterators: the processor and Firehose. */
  public standardIteratorAge(): cloudwatch.IMetric {
    return this.sources.stream.metricGetRecordsIteratorAgeMilliseconds({
      statistic: cloudwatch.Stats.MAXIMUM,
      period: ONE_MINUTE,
      label: 'GetRecords iterator age (processor, Firehose)',
    });
  }

  /** How far the enhanced fan-out consumer is behind the tip of the stream. */
  public enhancedFanOutMillisBehindLatest(): cloudwatch.IMetric {
    return new cloudwatch.Metric({
      namespace: 'AWS/Kinesis',
      metricName: 'SubscribeToShardEvent.MillisBehindLatest',
      dimensionsMap: {
        StreamName: this.sources.stream.streamName,
        ConsumerName: this.sources.streamConsumer.streamConsumerName,
      },
      statistic: cloudwatch.Stats.MAXIMUM,
      period: ONE_MINUTE,
      label: 'EFO MillisBehindLatest (dashboard)',
    });
  }

  /** Lambda's IteratorAge of the processor: age of the newest record of the last batch it got. */
  public processorIteratorAge(): cloudwatch.IMetric {
    return this.lambdaIteratorAge(this.sources.processorFunction, 'Processor Lambda iterator age');
  }

  /** Lambda's IteratorAge of the dashboard function. */
  public dashboardIteratorAge(): cloudwatch.IMetric {
    return this.lambdaIteratorAge(this.sources.dashboardFunction, 'Dashboard Lambda iterator age');
  }

  /** Age of the oldest record inside Firehose that has not reached S3 yet, in seconds. */
  public archiveDataFreshness(): cloudwatch.IMetric {
    return this.sources.deliveryStream.metric('DeliveryToS3.DataFreshness', {
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.minutes(5),
      label: 'Firehose DeliveryToS3.DataFreshness',
    });
  }

  /** Batches the processor gave up on, waiting in its on-failure queue. */
  public processorFailures(): cloudwatch.IMetric {
    return this.queueDepth(this.sources.processorFailureQueue, 'Processor on-failure records');
  }

  /** Batches the dashboard gave up on, waiting in its on-failure queue. */
  public dashboardFailures(): cloudwatch.IMetric {
    return this.queueDepth(this.sources.dashboardFailureQueue, 'Dashboard on-failure records');
  }

  private businessMetric(metricName: string, label: string): cloudwatch.IMetric {
    return new cloudwatch.Metric({
      namespace: CLICKSTREAM_METRICS_NAMESPACE,
      metricName,
      dimensionsMap: { service: CLICKSTREAM_BUSINESS_METRICS.dashboardService },
      statistic: cloudwatch.Stats.SUM,
      period: ONE_MINUTE,
      label,
    });
  }

  private lambdaIteratorAge(fn: lambda.IFunction, label: string): cloudwatch.IMetric {
    return fn.metric('IteratorAge', { statistic: cloudwatch.Stats.MAXIMUM, period: ONE_MINUTE, label });
  }

  private queueDepth(queue: sqs.IQueue, label: string): cloudwatch.IMetric {
    return queue.metricApproximateNumberOfMessagesVisible({
      statistic: cloudwatch.Stats.MAXIMUM,
      period: ONE_MINUTE,
      label,
    });
  }
}
