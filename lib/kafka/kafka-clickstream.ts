import type { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { IVpc } from 'aws-cdk-lib/aws-ec2';
import { Construct, type IConstruct } from 'constructs';
import { AlarmTopic } from '../common/alarm-topic';
import { KafkaAnalyticsService } from './kafka-analytics-service';
import { KafkaBootstrapBrokers } from './kafka-bootstrap-brokers';
import type { KafkaClusterMode } from './kafka-cluster-mode';
import { KafkaMetrics } from './kafka-metrics';
import { KafkaMonitoring } from './kafka-monitoring';
import { KafkaMskCluster } from './kafka-msk-cluster';
import { KafkaNetwork } from './kafka-network';
import { type KafkaPollerRange, KafkaSessionizer } from './kafka-sessionizer';
import { kafkaTopicSpecs } from './kafka-topic-specs';
import { KafkaTopics } from './kafka-topics';
import { PropProblems } from '../common/prop-problems';
import { KAFKA_CLICKSTREAM_LIMITS, MSK_EVENT_SOURCE_LIMITS } from './aws-limits';

/** Props of {@link KafkaClickstream}. */
export interface KafkaClickstreamProps {
  /**
   * `provisioned` (2 × kafka.t3.small) or `serverless` (cluster-hours billed before any traffic;
   * its topics come from a custom resource, as AWS::MSK::Topic serves provisioned only).
   * @default 'provisioned'
   */
  readonly clusterMode?: KafkaClusterMode;

  /**
   * Partitions of `clickstream` (and `clickstream-sessions`), 1 to 300: Kafka's unit of parallelism.
   * At most this many analytics members (and sessionizer pollers' consumers) do work at once.
   * @default 6 - divides evenly among 1, 2, 3 or 6 members, and leaves room to show idle ones
   */
  readonly clickstreamPartitions?: number;

  /**
   * Analytics group members (Fargate tasks), 0 to 100.
   * @default 2
   */
  readonly analyticsMembers?: number;

  /**
   * The sessionizer mapping's provisioned pollers.
   * @default { minimumPollers: 1, maximumPollers: 2 }
   */
  readonly provisionedPollers?: KafkaPollerRange;

  /**
   * Sessionizer: records per invocation, 1 to 10,000.
   * @default 100
   */
  readonly sessionizerBatchSize?: number;

  /**
   * Sessionizer: retries before the dead-letter topic, 0 to 10,000 (never -1: infinite).
   * @default 2
   */
  readonly sessionizerRetryAttempts?: number;

  /**
   * Sessionizer: records older than this go to the dead-letter topic unprocessed (whole seconds,
   * 60 s to 7 days).
   * @default Duration.hours(1)
   */
  readonly sessionizerMaxRecordAge?: Duration;

  /**
   * An existing session table (partition key `userId`).
   * @default a new table
   */
  readonly existingSessionTable?: dynamodb.ITable;

  /**
   * An existing VPC (private subnets with egress are used).
   * @default a public-subnet VPC without NAT (see lib/kafka/kafka-network.ts for the cost reasoning)
   */
  readonly vpc?: IVpc;

  /**
   * Consumer lag, in records, that raises the lag alarms.
   * @default 1000
   */
  readonly lagAlarmThresholdRecords?: number;
}

/**
 * The clickstream on Apache Kafka (Amazon MSK): a `clickstream` topic partitioned by `userId`, read
 * by the `sessionizer` group (Lambda, MSK event source mapping, Kafka dead-letter topic) and the
 * `analytics` group (competing Fargate members writing each user's latest session to the compacted
 * `clickstream-sessions`), with alarms and a dashboard.
 */
export class KafkaClickstream extends Construct {
  /** VPC, subnets and security groups. */
  public readonly network: KafkaNetwork;
  /** The MSK cluster. */
  public readonly cluster: KafkaMskCluster;
  /** The topics (CfnTopics on provisioned, a custom resource on serverless). */
  public readonly topics: KafkaTopics;
  /** The SASL/IAM bootstrap string, read at deploy time. */
  public readonly bootstrapBrokers: KafkaBootstrapBrokers;
  /** The `sessionizer` group (Lambda). */
  public readonly sessionizer: KafkaSessionizer;
  /** The `analytics` group (Fargate). */
  public readonly analytics: KafkaAnalyticsService;
  /** Where the alarms go. */
  public readonly alarmTopic: AlarmTopic;
  /** Dashboard and alarms. */
  public readonly monitoring: KafkaMonitoring;

  constructor(scope: Construct, id: string, props: KafkaClickstreamProps = {}) {
    super(scope, id);
    validateKafkaClickstreamProps(this, props);
    const partitions = props.clickstreamPartitions ?? 6;

    this.network = new KafkaNetwork(this, 'Network', { vpc: props.vpc });
    this.cluster = new KafkaMskCluster(this, 'Cluster', { network: this.network, mode: props.clusterMode });
    this.bootstrapBrokers = new KafkaBootstrapBrokers(this, 'BootstrapBrokers', { cluster: this.cluster });
    this.topics = new KafkaTopics(this, 'Topics', {
      cluster: this.cluster,
      specs: kafkaTopicSpecs(partitions),
      network: this.network,
      bootstrapServers: this.bootstrapBrokers.saslIam,
    });

    this.sessionizer = new KafkaSessionizer(this, 'Sessionizer', {
      cluster: this.cluster,
      batchSize: props.sessionizerBatchSize,
      retryAttempts: props.sessionizerRetryAttempts,
      maxRecordAge: props.sessionizerMaxRecordAge,
      provisionedPollers: props.provisionedPollers,
      existingSessionTable: props.existingSessionTable,
      dependsOn: [this.topics],
    });
    this.analytics = new KafkaAnalyticsService(this, 'Analytics', {
      cluster: this.cluster,
      network: this.network,
      bootstrapServers: this.bootstrapBrokers.saslIam,
      members: props.analyticsMembers,
    });
    // Members start once their topics exist; a member that finds no topic would only crash-loop.
    this.analytics.service.node.addDependency(this.topics);

    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic');
    this.monitoring = new KafkaMonitoring(this, 'Monitoring', {
      alarmTopic: this.alarmTopic,
      brokerCount: this.cluster.brokerCount,
      lagThresholdRecords: props.lagAlarmThresholdRecords,
      metrics: new KafkaMetrics({
        cluster: this.cluster,
        sessionizerFunctionName: this.sessionizer.function.functionName,
        sessionizerMappingUuid: this.sessionizer.eventSource.eventSourceMappingId,
      }),
    });
  }
}

/**
 * The props check: every problem collected into one InvalidPropError with the construct's path. Only
 * the project's own rules and AWS limits aws-cdk-lib does not check (aws-limits.ts lists what it does).
 */
function validateKafkaClickstreamProps(scope: IConstruct, props: KafkaClickstreamProps): void {
  const problems = new PropProblems();
  const check = (prop: keyof KafkaClickstreamProps, value: number | undefined, rule: Parameters<PropProblems['integer']>[2]): void => {
    if (value !== undefined) problems.integer(prop, value, rule);
  };
  check('clickstreamPartitions', props.clickstreamPartitions, KAFKA_CLICKSTREAM_LIMITS.partitions);
  check('analyticsMembers', props.analyticsMembers, KAFKA_CLICKSTREAM_LIMITS.analyticsMembers);
  check('sessionizerBatchSize', props.sessionizerBatchSize, MSK_EVENT_SOURCE_LIMITS.batchSize);
  check('sessionizerRetryAttempts', props.sessionizerRetryAttempts, MSK_EVENT_SOURCE_LIMITS.retryAttempts);
  check('lagAlarmThresholdRecords', props.lagAlarmThresholdRecords, KAFKA_CLICKSTREAM_LIMITS.lagAlarmThresholdRecords);
  if (props.sessionizerMaxRecordAge !== undefined) problems.wholeSeconds('sessionizerMaxRecordAge', props.sessionizerMaxRecordAge, 1);
  problems.throwIfAny(scope);
}
