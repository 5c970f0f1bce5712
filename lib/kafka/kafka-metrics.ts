/**
 * The CloudWatch metrics of the Kafka clickstream, by name and dimension as AWS documents them:
 * - Lambda event source mapping: `OffsetLag` (AWS/Lambda, FunctionName) and, with the mapping's
 *   EventCount metrics on, `OnFailureDestinationDeliveredEventCount` (EventSourceMappingUUID);
 * - MSK at the free DEFAULT monitoring level: per-group `SumOffsetLag` (Cluster Name, Consumer
 *   Group, Topic; emitted while the group is STABLE or EMPTY) and, provisioned only,
 *   `KafkaDataLogsDiskUsed` (Cluster Name, Broker ID; percent).
 */
import { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { KAFKA_TOPICS } from '../../runtime/kafka/kafka-names';
import type { KafkaMskCluster } from './kafka-msk-cluster';

/** What the metrics are about. */
export interface KafkaMetricsSources {
  /** The cluster (its name is the MSK metrics' `Cluster Name` dimension). */
  readonly cluster: KafkaMskCluster;
  /** The sessionizer function (dimension of the mapping's OffsetLag). */
  readonly sessionizerFunctionName: string;
  /** The mapping's UUID (dimension of its EventCount metrics). */
  readonly sessionizerMappingUuid: string;
}

const PERIOD = Duration.minutes(1);

/** Metric factories; every metric has a one-minute period. */
export class KafkaMetrics {
  constructor(private readonly sources: KafkaMetricsSources) {}

  /** The sessionizer mapping's lag behind the topic's end, in records (worst partition). */
  public sessionizerOffsetLag(): Metric {
    return new Metric({
      namespace: 'AWS/Lambda', metricName: 'OffsetLag', statistic: 'Maximum', period: PERIOD,
      dimensionsMap: { FunctionName: this.sources.sessionizerFunctionName },
      label: 'sessionizer mapping OffsetLag',
    });
  }

  /** Records the sessionizer mapping wrote to the dead-letter topic. */
  public deadLettered(): Metric {
    return new Metric({
      namespace: 'AWS/Lambda', metricName: 'OnFailureDestinationDeliveredEventCount', statistic: 'Sum', period: PERIOD,
      dimensionsMap: { EventSourceMappingUUID: this.sources.sessionizerMappingUuid },
      label: `records sent to ${KAFKA_TOPICS.deadLetter}`,
    });
  }

  /** A consumer group's total lag on `clickstream`, in records. */
  public groupLag(group: string): Metric {
    return new Metric({
      namespace: 'AWS/Kafka', metricName: 'SumOffsetLag', statistic: 'Maximum', period: PERIOD,
      dimensionsMap: { 'Cluster Name': this.sources.cluster.clusterName, 'Consumer Group': group, Topic: KAFKA_TOPICS.clickstream },
      label: `${group} lag (records)`,
    });
  }

  /** Percent of one broker's data volume in use (provisioned clusters; brokers are numbered from 1). */
  public brokerDiskUsed(brokerId: number): Metric {
    return new Metric({
      namespace: 'AWS/Kafka', metricName: 'KafkaDataLogsDiskUsed', statistic: 'Maximum', period: PERIOD,
      dimensionsMap: { 'Cluster Name': this.sources.cluster.clusterName, 'Broker ID': String(brokerId) },
      label: `broker ${brokerId} disk used (%)`,
    });
  }
}
