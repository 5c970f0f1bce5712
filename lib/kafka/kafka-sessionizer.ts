import { Duration, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { KafkaDlq, ManagedKafkaEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct, type IDependable } from 'constructs';
import { CLICKSTREAM_PROCESSOR_DEFAULTS, CLICKSTREAM_PROCESSOR_ENV } from '../../runtime/clickstream/processor-lambda/settings';
import { KAFKA_GROUPS, KAFKA_TOPICS } from '../../runtime/kafka/kafka-names';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { ClickstreamFunction } from '../clickstream/clickstream-function';
import { ClickstreamSessionTable, grantSessionStoreAccess } from '../clickstream/clickstream-session-table';
import { handlerEntry } from '../common/package-paths';
import { grantKafkaAccess } from './kafka-access';
import type { KafkaMskCluster } from './kafka-msk-cluster';

/** Provisioned event pollers of the mapping (`provisionedPollerConfig`). */
export interface KafkaPollerRange {
  /**
   * Pollers always running, 1–200. They are billed in Event Poller Units (up to 10 pollers each,
   * per EPU-hour) whether or not records flow.
   * @default 1
   */
  readonly minimumPollers?: number;
  /**
   * Most pollers Lambda scales to, 1–2000, at least minimumPollers.
   * @default 2 - a poller handles up to 5 MB/s, far above sandbox rates; Lambda also caps the
   *   pollers at the partition count, to keep each partition's order
   */
  readonly maximumPollers?: number;
}

/** Props of {@link KafkaSessionizer}. */
export interface KafkaSessionizerProps {
  /** The cluster to read `clickstream` from. */
  readonly cluster: KafkaMskCluster;

  /**
   * Records per invocation, 1 to 10,000 (MSK event source BatchSize).
   * @default 100 - the Kinesis processor's batch size, so both columns compare like with like
   */
  readonly batchSize?: number;

  /**
   * Retries of a failing batch before its records go to the dead-letter topic, 0 to 10,000.
   * @default 2
   */
  readonly retryAttempts?: number;

  /**
   * Records older than this skip the function and go to the dead-letter topic; 60 s to 7 days.
   * @default Duration.hours(1) - as the Kinesis processor
   */
  readonly maxRecordAge?: Duration;

  /**
   * Provisioned pollers. The mapping always runs in provisioned mode: Lambda offers retries,
   * bisect, maximum record age, partial batch responses and a Kafka on-failure destination for
   * Kafka mappings only in that mode ("Configuring error handling controls for Kafka event
   * sources", Lambda developer guide). This prop sizes it.
   * @default { minimumPollers: 1, maximumPollers: 2 }
   */
  readonly provisionedPollers?: KafkaPollerRange;

  /**
   * Inactivity after which a user's next event starts a new session.
   * @default Duration.minutes(30) - as the Kinesis processor
   */
  readonly sessionTimeout?: Duration;

  /**
   * An existing session table (partition key `userId`, string). Pass the Kinesis stack's table to
   * compare both transports on one table.
   * @default a new ClickstreamSessionTable
   */
  readonly existingSessionTable?: dynamodb.ITable;

  /**
   * What the mapping must wait for (the topics it reads and writes), so it never polls a topic that
   * CloudFormation has not created yet.
   * @default nothing
   */
  readonly dependsOn?: readonly IDependable[];
}

/**
 * The `sessionizer` group: a Lambda on an MSK event source mapping from TRIM_HORIZON, writing
 * per-user session state to DynamoDB, with every failure bounded (bisect, partial batch responses,
 * limited retries, maximum record age) and a Kafka dead-letter topic as on-failure destination:
 * Lambda writes the failed records themselves there (an SQS/SNS destination would receive only
 * offsets and error metadata, and would need a VPC endpoint in the cluster's VPC).
 */
export class KafkaSessionizer extends Construct {
  /** The session-state table (created or existing). */
  public readonly sessionTable: dynamodb.ITable;
  /** The sessionizer function. */
  public readonly function: nodejs.NodejsFunction;
  /** The event source mapping. */
  public readonly eventSource: ManagedKafkaEventSource;

  constructor(scope: Construct, id: string, props: KafkaSessionizerProps) {
    super(scope, id);
    // KafkaClickstream checks the project's rules (kafka-clickstream-validation.ts); aws-cdk-lib
    // checks retryAttempts ≤ 10,000, maxRecordAge (60 s to 7 days) and the pollers' ranges.
    const sessionTimeout = props.sessionTimeout ?? Duration.seconds(CLICKSTREAM_PROCESSOR_DEFAULTS.sessionTimeoutSeconds);

    this.sessionTable = props.existingSessionTable ?? new ClickstreamSessionTable(this, 'SessionTable').table;
    const handler = new ClickstreamFunction(this, 'Handler', {
      entry: handlerEntry('kafka', 'sessionizer-lambda', 'handler.ts'),
      serviceName: 'kafka-sessionizer',
      environment: {
        [CLICKSTREAM_PROCESSOR_ENV.sessionTableName]: this.sessionTable.tableName,
        [CLICKSTREAM_PROCESSOR_ENV.sessionTimeoutSeconds]: String(sessionTimeout.toSeconds()),
      },
    });
    this.function = handler.function;
    grantSessionStoreAccess(this.sessionTable, this.function);
    grantMappingAccess(handler.role, props.cluster);

    this.eventSource = new ManagedKafkaEventSource({
      clusterArn: props.cluster.clusterArn,
      topic: KAFKA_TOPICS.clickstream,
      consumerGroupId: KAFKA_GROUPS.sessionizer,
      // Nothing the topic retains is skipped when the mapping is first created.
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: props.batchSize ?? 100,
      bisectBatchOnError: true,
      retryAttempts: props.retryAttempts ?? 2,
      maxRecordAge: props.maxRecordAge ?? Duration.hours(1),
      reportBatchItemFailures: true,
      onFailure: new KafkaDlq(KAFKA_TOPICS.deadLetter),
      provisionedPollerConfig: pollerConfig(props.provisionedPollers ?? {}),
      // EventCount has OnFailureDestinationDeliveredEventCount (the dead-letter alarm); KafkaMetrics the lag.
      metricsConfig: { metrics: [lambda.MetricType.EVENT_COUNT, lambda.MetricType.ERROR_COUNT, lambda.MetricType.KAFKA_METRICS] },
    });
    this.function.addEventSource(this.eventSource);
    const mapping = this.function.node.findAll().find((child) => child instanceof lambda.EventSourceMapping);
    for (const dependency of props.dependsOn ?? []) mapping?.node.addDependency(dependency);
  }
}

/**
 * The mapping's data-plane access. ManagedKafkaEventSource already gives the role
 * kafka:DescribeCluster/GetBootstrapBrokers on the cluster and AWS's AWSLambdaMSKExecutionRole
 * (DescribeClusterV2 and the EC2 network-interface calls the mapping makes in the cluster's
 * subnets, which take no resource ARN); IAM authentication needs the kafka-cluster actions below.
 */
function grantMappingAccess(role: IRole, cluster: KafkaMskCluster): void {
  grantKafkaAccess(role, cluster, {
    readTopics: [KAFKA_TOPICS.clickstream],
    writeTopics: [KAFKA_TOPICS.deadLetter],
    groups: [KAFKA_GROUPS.sessionizer],
    // Listed by the Lambda developer guide for MSK mappings with IAM authentication.
    extraClusterActions: ['kafka-cluster:DescribeClusterDynamicConfiguration'],
  });
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole]',
    reason:
      'ManagedKafkaEventSource attaches it: the EC2 network-interface calls the mapping makes in the cluster subnets ' +
      'support no resource-level permissions, and AWS maintains the list as the mapping evolves.',
  });
}

/** The pollers with their defaults: at least 2 at most, and never fewer than the minimum. */
function pollerConfig(range: KafkaPollerRange): { minimumPollers: number; maximumPollers: number } {
  const minimumPollers = range.minimumPollers ?? 1;
  return { minimumPollers, maximumPollers: range.maximumPollers ?? Math.max(2, minimumPollers) };
}
