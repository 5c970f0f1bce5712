/**
 * The `analytics` group: N competing members as an ECS Fargate service on ARM64. Kafka splits the
 * `clickstream` partitions among them; members beyond the partition count sit idle (the service
 * does not autoscale past that on purpose: the partition count is Kafka's scaling unit).
 *
 * The image is built from runtime/shared/fargate-worker.Dockerfile at deploy time; synth only stages the
 * build context (SOURCE_ROOT in lib/common/package-paths.ts, filtered by .dockerignore), so it needs
 * no Docker.
 */
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  Cluster, ContainerInsights, CpuArchitecture, FargateService, FargateTaskDefinition, LogDrivers, OperatingSystemFamily,
} from 'aws-cdk-lib/aws-ecs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { KAFKA_ENV, KAFKA_GROUPS, KAFKA_TOPICS } from '../../runtime/kafka/kafka-names';
import { fargateWorkerImage } from '../common/fargate-worker-image';
import { grantKafkaAccess } from './kafka-access';
import type { KafkaMskCluster } from './kafka-msk-cluster';
import type { KafkaNetwork } from './kafka-network';
import { serviceRole } from '../common/service-role';

/** Props of {@link KafkaAnalyticsService}. */
export interface KafkaAnalyticsServiceProps {
  /** The cluster the members read and write. */
  readonly cluster: KafkaMskCluster;
  /** Subnets and the members' security group. */
  readonly network: KafkaNetwork;
  /** SASL/IAM bootstrap string, `host:9098,...` (KafkaBootstrapBrokers). */
  readonly bootstrapServers: string;
  /**
   * Members (tasks) in the group, 0 to 100; 0 stops the group without deleting it.
   * @default 2 - two members share the partitions, so a rebalance has somewhere to move them
   */
  readonly members?: number;
  /**
   * Task CPU units (a valid Fargate CPU/memory pair with memoryLimitMiB).
   * @default 256 (a quarter vCPU: a member waits on the network)
   */
  readonly cpu?: number;
  /**
   * Task memory in MiB.
   * @default 512 (the smallest Fargate size for 256 CPU units)
   */
  readonly memoryLimitMiB?: number;
}


/** The ECS cluster, task definition and service of the analytics members. */
export class KafkaAnalyticsService extends Construct {
  /** The ECS cluster (Container Insights on). */
  public readonly ecsCluster: Cluster;
  /** The service. */
  public readonly service: FargateService;
  /** The task definition (its task role holds the Kafka grants). */
  public readonly taskDefinition: FargateTaskDefinition;

  constructor(scope: Construct, id: string, props: KafkaAnalyticsServiceProps) {
    super(scope, id);
    // KafkaClickstream checks the range (KAFKA_CLICKSTREAM_LIMITS.analyticsMembers).
    const members = props.members ?? 2;
    this.ecsCluster = new Cluster(this, 'Cluster', { vpc: props.network.vpc, containerInsightsV2: ContainerInsights.ENABLED });
    this.taskDefinition = new FargateTaskDefinition(this, 'TaskDefinition', {
      taskRole: serviceRole(this, 'TaskRole', 'ecsTasks'), // trusts ECS for this account's tasks only
      cpu: props.cpu ?? 256,
      memoryLimitMiB: props.memoryLimitMiB ?? 512,
      // Graviton: about 20% cheaper per vCPU-hour than x86 on Fargate.
      runtimePlatform: { cpuArchitecture: CpuArchitecture.ARM64, operatingSystemFamily: OperatingSystemFamily.LINUX },
    });
    this.taskDefinition.addContainer('Member', {
      image: fargateWorkerImage('runtime/kafka/analytics-member/member.ts'),
      environment: {
        [KAFKA_ENV.bootstrapServers]: props.bootstrapServers,
        [KAFKA_ENV.auth]: 'iam',
        AWS_REGION: Stack.of(this).region,
      },
      logging: LogDrivers.awsLogs({
        streamPrefix: 'kafka-analytics',
        logGroup: new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
      }),
      readonlyRootFilesystem: true, // a member keeps its state in Kafka, never on disk
    });
    this.service = new FargateService(this, 'Service', {
      cluster: this.ecsCluster,
      taskDefinition: this.taskDefinition,
      desiredCount: members,
      // A public IP is how tasks in public subnets reach ECR and CloudWatch Logs without a NAT gateway.
      assignPublicIp: props.network.membersNeedPublicIp,
      vpcSubnets: props.network.subnetSelection,
      securityGroups: [props.network.membersSecurityGroup],
      minHealthyPercent: 100, // deploys start new members before stopping old ones: one rebalance, no gap
      maxHealthyPercent: 200,
      circuitBreaker: { rollback: true },
    });
    Validations.of(this.taskDefinition).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason: 'The environment holds only non-secret configuration (bootstrap brokers, auth mode, region); Kafka access comes from the task role (IAM auth), not from variables.',
    });
    const executionRolePolicy = this.taskDefinition.obtainExecutionRole().node.tryFindChild('DefaultPolicy');
    if (executionRolePolicy !== undefined) {
      Validations.of(executionRolePolicy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'ecr:GetAuthorizationToken supports no resource-level permissions, so it must be "*"; the image pull actions are scoped to the CDK asset repository.',
      });
    }
    grantKafkaAccess(this.taskDefinition.taskRole, props.cluster, {
      readTopics: [KAFKA_TOPICS.clickstream],
      writeTopics: [KAFKA_TOPICS.sessions],
      groups: [KAFKA_GROUPS.analytics],
    });
  }
}
