/**
 * Alarms (DLQ depth > 0, age of the oldest message) sent to the alarm topic, and a CloudWatch
 * dashboard with the queue's health, the consumer count and the worker's EMF metrics.
 */
import { Duration } from 'aws-cdk-lib';
import {
  Alarm, ComparisonOperator, Dashboard, GraphWidget, type IMetric, TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AlarmTopic } from '../common/alarm-topic';
import { EMAIL_WORKER_METRICS, emailWorkerMetric } from './email-worker-metrics';

/** Props of {@link EmailWorkerMonitoring}. */
export interface EmailWorkerMonitoringProps {
  /** The jobs queue. */
  readonly queue: IQueue;
  /** Its dead-letter queue. */
  readonly deadLetterQueue: IQueue;
  /** Running consumers (tasks or concurrent executions). */
  readonly consumerCountMetric: IMetric;
  /** Where alarms go. */
  readonly alarmTopic: AlarmTopic;
  /**
   * Alarm when the oldest waiting job is older than this.
   * @default 15 minutes (consumers are down or saturated; emails are expected within minutes)
   */
  readonly oldestMessageAgeThreshold?: Duration;
}

/** SQS publishes queue metrics every minute. */
const PERIOD = Duration.minutes(1);

/** The alarms and the dashboard. */
export class EmailWorkerMonitoring extends Construct {
  /** DLQ depth > 0: some job failed permanently or ran out of retries. */
  public readonly deadLetterAlarm: Alarm;
  /** Oldest message too old: the backlog is not being worked off. */
  public readonly oldestMessageAlarm: Alarm;
  /** The dashboard. */
  public readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: EmailWorkerMonitoringProps) {
    super(scope, id);
    const visible = props.queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' });
    const inFlight = props.queue.metricApproximateNumberOfMessagesNotVisible({ period: PERIOD, statistic: 'Maximum' });
    const oldestAge = props.queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum' });
    const deadLettered = props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' });

    this.deadLetterAlarm = new Alarm(this, 'DeadLetterQueueNotEmpty', {
      alarmDescription: 'Email jobs are in the DLQ: read their reason in the logs, fix, then redrive (stack output RedriveCommand)',
      metric: deadLettered,
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1, // every dead-lettered job is an email not sent: tell at once
      treatMissingData: TreatMissingData.NOT_BREACHING, // an idle queue publishes nothing
    });
    const threshold = props.oldestMessageAgeThreshold ?? Duration.minutes(15);
    this.oldestMessageAlarm = new Alarm(this, 'OldestMessageTooOld', {
      alarmDescription: `The oldest email job has waited over ${threshold.toHumanString()}: consumers are down or saturated`,
      metric: oldestAge,
      threshold: threshold.toSeconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3, // three minutes in a row: a short burst that drains is not an incident
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    props.alarmTopic.notifyOn(this.deadLetterAlarm);
    props.alarmTopic.notifyOn(this.oldestMessageAlarm);

    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(3) });
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Queue depth and in-flight', left: [visible.with({ label: 'Visible' }), inFlight.with({ label: 'In flight' })] }),
      new GraphWidget({ title: 'Oldest message age (s)', left: [oldestAge] }),
      new GraphWidget({ title: 'Dead-letter queue depth', left: [deadLettered] }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Consumers', left: [props.consumerCountMetric] }),
      new GraphWidget({
        title: 'Emails sent / failed',
        left: [
          emailWorkerMetric(EMAIL_WORKER_METRICS.emailsSent, 'Sum').with({ label: 'Sent' }),
          emailWorkerMetric(EMAIL_WORKER_METRICS.emailsFailed, 'Sum').with({ label: 'Failed' }),
        ],
      }),
      new GraphWidget({
        title: 'Job duration (ms)',
        left: [emailWorkerMetric(EMAIL_WORKER_METRICS.jobDuration, 'Average'), emailWorkerMetric(EMAIL_WORKER_METRICS.jobDuration, 'p99')],
      }),
    );
  }
}
