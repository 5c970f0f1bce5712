import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { AlarmTopic } from '../common/alarm-topic';
import { ClickstreamArchive } from './clickstream-archive';
import { ClickstreamMetrics } from './clickstream-metrics';

/** Props of {@link ClickstreamMonitoring}. */
export interface ClickstreamMonitoringProps {
  /** The metrics to chart and alarm on. */
  readonly metrics: ClickstreamMetrics;
  /** Where every alarm sends its ALARM and OK notifications. */
  readonly alarmTopic: AlarmTopic;

  /**
   * Lag (Lambda IteratorAge) above which a consumer alarms, after three consecutive minutes.
   * @default Duration.minutes(5) - consumers normally run seconds behind; five sustained minutes
   *   means they no longer keep up, and leaves most of the 1 h maxRecordAge to react before records
   *   are skipped
   */
  readonly iteratorAgeThreshold?: Duration;
}

/** Firehose freshness alarm: three buffering intervals without delivery means deliveries are failing. */
const ARCHIVE_FRESHNESS_THRESHOLD = Duration.seconds(ClickstreamArchive.BUFFERING_INTERVAL.toSeconds() * 3);
/** Consecutive one-minute periods before a lag alarm fires: rides out a single slow batch. */
const LAG_EVALUATION_PERIODS = 3;
/**
 * Consecutive one-minute periods with any throttling before a throughput alarm fires. A throttled
 * call is retried (the producer retries its failed entries with backoff; Lambda and Firehose retry
 * their reads), and an on-demand stream adds capacity within minutes, so a short burst costs only
 * latency; throttling in five minutes running means the stream needs more shards, or the writers or
 * readers less traffic. (AWS Solutions Constructs alarm on any throttling over one 5-minute period.)
 */
const THROTTLE_EVALUATION_PERIODS = 5;

/**
 * The clickstream's CloudWatch dashboard (business metrics and stream health) and its alarms:
 * consumer lag, records given up on (on-failure queues), archive freshness, and read and write
 * throttling on the stream.
 */
export class ClickstreamMonitoring extends Construct {
  /** The dashboard. */
  public readonly dashboard: cloudwatch.Dashboard;
  /** Every alarm, each wired to the alarm topic. */
  public readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ClickstreamMonitoringProps) {
    super(scope, id);
    const metrics = props.metrics;
    const iteratorAgeThreshold = props.iteratorAgeThreshold ?? Duration.minutes(5);

    this.alarms = [
      this.lagAlarm('ProcessorIteratorAgeAlarm', metrics.processorIteratorAge(), iteratorAgeThreshold,
        'The session processor is falling behind the stream'),
      this.lagAlarm('DashboardIteratorAgeAlarm', metrics.dashboardIteratorAge(), iteratorAgeThreshold,
        'The dashboard consumer (enhanced fan-out) is falling behind the stream'),
      this.anyMessageAlarm('ProcessorFailuresAlarm', metrics.processorFailures(),
        'The processor gave up on a batch: replay its sequence range from the on-failure queue while the stream retains it'),
      this.anyMessageAlarm('DashboardFailuresAlarm', metrics.dashboardFailures(),
        'The dashboard consumer gave up on a batch: its metrics under-count that range'),
      new cloudwatch.Alarm(this, 'ArchiveFreshnessAlarm', {
        metric: metrics.archiveDataFreshness(),
        threshold: ARCHIVE_FRESHNESS_THRESHOLD.toSeconds(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        // No records in flight means nothing is late.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: 'Firehose has not delivered to S3 for three buffering intervals: check its error prefix and logs',
      }),
      this.throttleAlarm('WriteThrottlesAlarm', metrics.writeThrottledShare(),
        'Producers are being throttled (WriteProvisionedThroughputExceeded): writes fall behind; add shards or spread partition keys'),
      this.throttleAlarm('ReadThrottlesAlarm', metrics.readThrottledShare(),
        'Standard readers (processor, Firehose) are being throttled (ReadProvisionedThroughputExceeded): they fall behind; add shards or move a reader to enhanced fan-out'),
    ];
    this.alarms.forEach((alarm) => props.alarmTopic.notifyOn(alarm));
    this.dashboard = this.createDashboard(metrics);
  }

  /** Traffic, lag, freshness and failures, with the alarms' states. */
  private createDashboard(metrics: ClickstreamMetrics): cloudwatch.Dashboard {
    return new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(3),
      widgets: [
        [
          graph('Page views per minute', [metrics.pageViews()]),
          graph('Active users per minute (upper bound)', [metrics.activeUsers()]),
          graph('Top pages (views per minute)', [metrics.topPageViews()]),
        ],
        [
          graph('Invalid events skipped by the dashboard', [metrics.invalidEvents()], 24),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Stream input',
            left: [metrics.incomingRecords()],
            right: [metrics.incomingBytes()],
            width: 12,
          }),
          graph('Write throttles (WriteProvisionedThroughputExceeded)', [metrics.writeThrottles()], 12),
        ],
        [
          graph('Consumer lag, ms', [
            metrics.standardIteratorAge(),
            metrics.enhancedFanOutMillisBehindLatest(),
            metrics.processorIteratorAge(),
            metrics.dashboardIteratorAge(),
          ], 12),
          graph('Archive freshness, s (DeliveryToS3.DataFreshness)', [metrics.archiveDataFreshness()], 12),
        ],
        [
          graph('Records given up on (on-failure queues)', [metrics.processorFailures(), metrics.dashboardFailures()], 12),
          new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 12 }),
        ],
      ],
    });
  }

  private lagAlarm(id: string, metric: cloudwatch.IMetric, threshold: Duration, description: string): cloudwatch.Alarm {
    return new cloudwatch.Alarm(this, id, {
      metric,
      threshold: threshold.toMilliseconds(),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: LAG_EVALUATION_PERIODS,
      // Lambda reports IteratorAge only while it receives records; an idle stream is not a lagging one.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `${description} (iterator age above ${threshold.toHumanString()})`,
    });
  }

  private throttleAlarm(id: string, metric: cloudwatch.IMetric, description: string): cloudwatch.Alarm {
    return new cloudwatch.Alarm(this, id, {
      metric,
      threshold: 0, // any throttled share at all, in every one of the periods below
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: THROTTLE_EVALUATION_PERIODS,
      // Kinesis publishes these only while there is traffic; no traffic is no throttling.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `${description} (throttled in ${THROTTLE_EVALUATION_PERIODS} consecutive minutes)`,
    });
  }

  private anyMessageAlarm(id: string, metric: cloudwatch.IMetric, description: string): cloudwatch.Alarm {
    return new cloudwatch.Alarm(this, id, {
      metric,
      // Any message at all: each one stands for a batch of records a consumer skipped.
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
  }
}

/** A line graph of `metrics`, `width` of the dashboard's 24 columns. */
function graph(title: string, metrics: cloudwatch.IMetric[], width = 8): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, left: metrics, width });
}
