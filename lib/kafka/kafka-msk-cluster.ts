/**
 * The MSK cluster, provisioned or serverless, always with IAM authentication, TLS in transit and
 * encryption at rest. aws-cdk-lib has no stable MSK L2 (`@aws-cdk/aws-msk-alpha` is experimental),
 * so this wraps the L1 resources and exposes what the other constructs need: the cluster ARN and
 * the exact ARNs of its topics and groups for IAM.
 *
 * Cost: provisioned bills broker-hours plus the EBS it reserves; serverless bills cluster-hours
 * even with no traffic, plus partition-hours and data. The advisor prices both
 * (`npm run advise`, prices in advisor/prices/).
 */
import { Annotations, Fn, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnCluster, CfnServerlessCluster } from 'aws-cdk-lib/aws-msk';
import { Construct } from 'constructs';
import { PropProblems } from '../common/prop-problems';
import { MSK_KAFKA_VERSION, MSK_PROVISIONED_LIMITS } from './aws-limits';
import type { KafkaClusterMode } from './kafka-cluster-mode';
import type { KafkaNetwork } from './kafka-network';

/** Props of {@link KafkaMskCluster}. */
export interface KafkaMskClusterProps {
  /** Subnets and the cluster security group. */
  readonly network: KafkaNetwork;

  /**
   * `provisioned` (brokers you size and pay per hour) or `serverless` (pay per cluster-hour,
   * partition-hour and GB; no broker sizing, but its cluster-hours bill before any traffic).
   * @default 'provisioned'
   */
  readonly mode?: KafkaClusterMode;

  /**
   * Provisioned only: broker instance type.
   * @default 'kafka.t3.small' - the cheapest MSK broker; enough for a sandbox clickstream
   */
  readonly brokerInstanceType?: string;

  /**
   * Provisioned only: EBS volume per broker, GiB (1–16384).
   * @default 10 - a week of sandbox traffic is far below 1 GiB
   */
  readonly brokerVolumeSizeGiB?: number;
}

/** The serverless warning, shown at synth. */
export const SERVERLESS_COST_WARNING =
  'kafkaCluster=serverless: MSK Serverless bills every cluster-hour even with no traffic, plus partition-hours ' +
  'and data; `npm run advise -- --rate 1/s --size 1KB --consumers 2` prints its monthly cost (msk-serverless). ' +
  'The default is the provisioned sandbox (2 × kafka.t3.small). Destroy the stack when you are done.';

/** One MSK cluster (provisioned or serverless). */
export class KafkaMskCluster extends Construct {
  /** The cluster's ARN. */
  public readonly clusterArn: string;
  /** The cluster's name (unique in the stack, ≤ 64 characters). */
  public readonly clusterName: string;
  /** Which cluster type this is. */
  public readonly mode: KafkaClusterMode;
  /** Brokers (provisioned) or 0 (serverless). */
  public readonly brokerCount: number;
  /** The L1 resource (CfnCluster or CfnServerlessCluster). */
  public readonly resource: CfnCluster | CfnServerlessCluster;

  constructor(scope: Construct, id: string, props: KafkaMskClusterProps) {
    super(scope, id);
    this.mode = props.mode ?? 'provisioned';
    // MSK cluster names: 1–64 letters, digits and hyphens.
    this.clusterName = Names.uniqueResourceName(this, { maxLength: 64, separator: '-' }).replace(/[^A-Za-z0-9-]/g, '');
    const subnetIds = props.network.subnets.map((subnet) => subnet.subnetId);
    const securityGroups = [props.network.clusterSecurityGroup.securityGroupId];
    if (this.mode === 'serverless') {
      Annotations.of(this).addWarningV2('queue-or-stream:kafka-serverless-baseline-cost', SERVERLESS_COST_WARNING);
      this.brokerCount = 0;
      this.resource = new CfnServerlessCluster(this, 'Resource', {
        clusterName: this.clusterName,
        // Serverless always encrypts in transit (TLS) and at rest; IAM is its only client auth.
        clientAuthentication: { sasl: { iam: { enabled: true } } },
        vpcConfigs: [{ subnetIds, securityGroups }],
      });
    } else {
      const problems = new PropProblems();
      const volumeSize = problems.integer('brokerVolumeSizeGiB', props.brokerVolumeSizeGiB ?? 10, MSK_PROVISIONED_LIMITS.volumeSizeGiB);
      problems.throwIfAny(this);
      // One broker per client subnet (one per AZ): MSK requires a multiple of the subnet count.
      this.brokerCount = subnetIds.length;
      const brokerLogs = new LogGroup(this, 'BrokerLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
      this.resource = new CfnCluster(this, 'Resource', {
        clusterName: this.clusterName,
        kafkaVersion: MSK_KAFKA_VERSION,
        numberOfBrokerNodes: this.brokerCount,
        brokerNodeGroupInfo: {
          instanceType: props.brokerInstanceType ?? 'kafka.t3.small',
          clientSubnets: subnetIds,
          securityGroups,
          storageInfo: { ebsStorageInfo: { volumeSize } },
          // No public endpoints: only clients inside the VPC reach the brokers.
          connectivityInfo: { publicAccess: { type: 'DISABLED' } },
        },
        clientAuthentication: { sasl: { iam: { enabled: true } }, unauthenticated: { enabled: false } },
        // TLS between clients and brokers and between brokers. At rest MSK always encrypts the EBS
        // volumes; without a key ARN it uses the AWS managed key (no key policy to maintain).
        encryptionInfo: { encryptionInTransit: { clientBroker: 'TLS', inCluster: true } },
        // DEFAULT level is free and already has KafkaDataLogsDiskUsed and the per-group
        // MaxOffsetLag/SumOffsetLag/EstimatedMaxTimeLag the alarms use.
        enhancedMonitoring: 'DEFAULT',
        loggingInfo: { brokerLogs: { cloudWatchLogs: { enabled: true, logGroup: brokerLogs.logGroupName } } },
      });
    }
    this.clusterArn = this.resource.ref; // Ref of both resource types is the cluster ARN
  }

  /** The cluster's UUID: the last part of its ARN (`.../cluster/<name>/<uuid>`). */
  private get clusterUuid(): string {
    return Fn.select(2, Fn.split('/', this.clusterArn));
  }

  /** The IAM resource ARN of a topic of this cluster (`kafka-cluster:*Topic*`, `ReadData`, `WriteData`). */
  public topicArn(topic: string): string {
    return this.kafkaResourceArn('topic', topic);
  }

  /** The IAM resource ARN of a consumer group of this cluster (`kafka-cluster:*Group`). */
  public groupArn(group: string): string {
    return this.kafkaResourceArn('group', group);
  }

  private kafkaResourceArn(type: 'topic' | 'group', name: string): string {
    const stack = Stack.of(this);
    return `arn:${stack.partition}:kafka:${stack.region}:${stack.account}:${type}/${this.clusterName}/${this.clusterUuid}/${name}`;
  }
}
