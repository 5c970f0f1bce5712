import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { KAFKA_GROUPS } from '../../runtime/kafka/kafka-names';
import type { AlarmTopic } from '../common/alarm-topic';
import { PropProblems } from '../common/prop-problems';
import type { KafkaMetrics } from './kafka-metrics';

/** Props of {@link KafkaMonitoring}. */
export interface KafkaMonitoringProps {
  /** The metrics to chart and alarm on. */
  readonly metrics: KafkaMetrics;
  /** Where every alarm sends its ALARM and OK notifications. */
  readonly alarmTopic: AlarmTopic;
  /** Brokers to watch the disks of (0 for serverless: MSK manages its storage). */
  readonly brokerCount: number;

  /**
   * Lag, in records, above which a consumer alarms after three consecutive minutes.
   * @default 1000 - a sandbox clickstream writes tens of records a second, so 1000 sustained records
   *   means a consumer has stopped keeping up
   */
  readonly lagThresholdRecords?: number;

  /**
   * Broker data-volume use, percent, above which the disk alarm fires (1–99).
   * @default 80 - room to raise the volume size (or shorten retention) before the broker stops
   */
  readonly diskUsedThresholdPercent?: number;
}

/** Consecutive one-minute periods before a lag alarm fires: rides out a single slow batch. */
const LAG_EVALUATION_PERIODS = 3;

/**
 * The Kafka clickstream's dashboard and alarms: consumer lag (the mapping's OffsetLag and each
 * group's SumOffsetLag), broker disk use, and any record reaching the dead-letter topic.
 */
export class KafkaMonitoring extends Construct {
  /** The dashboard. */
  public readonly dashboard: cloudwatch.Dashboard;
  /** Every alarm, each wired to the alarm topic. */
  public readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: KafkaMonitoringProps) {
    super(scope, id);
    const metrics = props.metrics;
    // KafkaClickstream checks lagThresholdRecords itself (KAFKA_ALARM_LIMITS); the disk threshold is only a prop here.
    const lagThreshold = props.lagThresholdRecords ?? 1000;
    const problems = new PropProblems();
    const diskThreshold = problems.integer('diskUsedThresholdPercent', props.diskUsedThresholdPercent ?? 80, { min: 1, max: 99 });
    problems.throwIfAny(this);
    const brokerIds = Array.from({ length: props.brokerCount }, (_, index) => index + 1);
    const groups = [KAFKA_GROUPS.sessionizer, KAFKA_GROUPS.analytics];

    this.alarms = [
      this.thresholdAlarm('SessionizerOffsetLagAlarm', metrics.sessionizerOffsetLag(), lagThreshold, LAG_EVALUATION_PERIODS,
        `The sessionizer's event source mapping is more than ${lagThreshold} records behind (OffsetLag)`),
      ...groups.map((group) => this.thresholdAlarm(`${pascal(group)}GroupLagAlarm`, metrics.groupLag(group), lagThreshold, LAG_EVALUATION_PERIODS,
        `Consumer group ${group} is more than ${lagThreshold} records behind on clickstream (SumOffsetLag)`)),
      ...brokerIds.map((brokerId) => this.thresholdAlarm(`Broker${brokerId}DiskAlarm`, metrics.brokerDiskUsed(brokerId), diskThreshold, 1,
        `Broker ${brokerId} data volume is over ${diskThreshold}% full: raise brokerVolumeSizeGiB or shorten retention`)),
      // Any record at all: each one is a click the sessions no longer include.
      this.thresholdAlarm('DeadLetterAlarm', metrics.deadLettered(), 0, 1,
        'The sessionizer sent records to the dead-letter topic: read them there, fix, and replay'),
    ];
    this.alarms.forEach((alarm) => props.alarmTopic.notifyOn(alarm));

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(3),
      widgets: [
        [
          graph('Consumer lag, records', [metrics.sessionizerOffsetLag(), ...groups.map((group) => metrics.groupLag(group))], 12),
          graph('Records sent to the dead-letter topic', [metrics.deadLettered()], 12),
        ],
        [
          graph('Broker disk used, %', brokerIds.map((brokerId) => metrics.brokerDiskUsed(brokerId)), 12),
          new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 12 }),
        ],
      ],
    });
  }

  private thresholdAlarm(id: string, metric: cloudwatch.IMetric, threshold: number, evaluationPeriods: number, description: string): cloudwatch.Alarm {
    return new cloudwatch.Alarm(this, id, {
      metric,
      threshold,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods,
      // These metrics are emitted only while there is something to report (records, a stable group).
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
  }
}

/** `replay-earliest` → `ReplayEarliest`: construct ids from group names. */
function pascal(name: string): string {
  return name.split(/[^A-Za-z0-9]/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/** A line graph of `metrics`, `width` of the dashboard's 24 columns. */
function graph(title: string, metrics: cloudwatch.IMetric[], width: number): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, left: metrics, width });
}
