/**
 * The `fargate` consumer: an ECS Fargate service on ARM64 running runtime/email-worker/worker.ts,
 * scaled on queue depth by ecs-patterns' QueueProcessingFargateService (it fits: existing queue,
 * custom step scaling, scale to zero, runtimePlatform, public IP, our own task definition).
 *
 * The image is built from runtime/shared/fargate-worker.Dockerfile at deploy time; synth only stages the
 * build context (SOURCE_ROOT in lib/common/package-paths.ts, filtered by .dockerignore), so it needs
 * no Docker. Its props are checked by EmailWorker (email-worker-validation.ts).
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type IMetric, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { type IVpc, Peer, Port, SecurityGroup, SubnetType } from 'aws-cdk-lib/aws-ec2';
import {
  Cluster, ContainerInsights, CpuArchitecture, FargateTaskDefinition, LogDrivers, OperatingSystemFamily,
} from 'aws-cdk-lib/aws-ecs';
import { QueueProcessingFargateService } from 'aws-cdk-lib/aws-ecs-patterns';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ScalingInterval } from 'aws-cdk-lib/aws-applicationautoscaling';
import { Construct } from 'constructs';
import { EMAIL_WORKER_DEFAULTS, EMAIL_WORKER_ENV } from '../../runtime/email-worker/settings';
import { fargateWorkerImage } from '../common/fargate-worker-image';
import { PublicSubnetVpc } from '../common/public-subnet-vpc';
import { type EmailConsumer, type EmailConsumerResources, grantEmailConsumerAccess } from './email-consumer-resources';
import { serviceRole } from '../common/service-role';

/** The Fargate consumer's tuning knobs (also EmailWorkerProps.fargateConsumer). */
export interface EmailFargateConsumerTuning {
  /**
   * Fewest running tasks; 0 lets an idle queue cost nothing.
   * @default 0
   */
  readonly minCapacity?: number;
  /**
   * Most running tasks: with workerConcurrency this caps the send rate (SES quota).
   * @default 4
   */
  readonly maxCapacity?: number;
  /**
   * Jobs one task processes at once (1–1000).
   * @default 10 (one ReceiveMessage batch in flight)
   */
  readonly workerConcurrency?: number;
  /**
   * Task CPU units (a valid Fargate CPU/memory pair with memoryLimitMiB).
   * @default 256 (a quarter vCPU: the worker waits on the network, not the CPU)
   */
  readonly cpu?: number;
  /**
   * Task memory in MiB.
   * @default 512 (the smallest Fargate size for 256 CPU units)
   */
  readonly memoryLimitMiB?: number;
  /**
   * Step scaling on ApproximateNumberOfMessagesVisible.
   * @default −1 task when the queue is empty, +1 from 1 message, +2 from 100, +4 from 1,000
   */
  readonly scalingSteps?: ScalingInterval[];
  /**
   * An existing VPC (tasks go in its private subnets with egress, without a public IP).
   * @default a PublicSubnetVpc: public subnets only, no NAT gateway (see its cost reasoning)
   */
  readonly vpc?: IVpc;
}

/** Props of {@link EmailFargateConsumer}. */
export interface EmailFargateConsumerProps extends EmailFargateConsumerTuning, EmailConsumerResources {
  /** SIGTERM-to-SIGKILL time: long enough to finish a job and drain (see consumer-timing.ts). */
  readonly stopTimeout: Duration;
}

const DEFAULT_SCALING_STEPS: ScalingInterval[] = [
  { upper: 0, change: -1 }, // empty queue: one task fewer per cooldown, down to minCapacity
  { lower: 1, change: +1 }, // any backlog: start a task (this is what scales up from zero)
  { lower: 100, change: +2 },
  { lower: 1000, change: +4 },
];

/** The cluster, task definition and autoscaled service. */
export class EmailFargateConsumer extends Construct implements EmailConsumer {
  /** The queue-processing service pattern (service, task definition, scaling). */
  public readonly service: QueueProcessingFargateService;
  /** The cluster (Container Insights on). */
  public readonly cluster: Cluster;
  /** The ECS service name (stack output ConsumerName). */
  public readonly consumerName: string;
  /** Running tasks (Container Insights): the dashboard's consumer count. */
  public readonly consumerCountMetric: IMetric;

  constructor(scope: Construct, id: string, props: EmailFargateConsumerProps) {
    super(scope, id);
    const createsVpc = props.vpc === undefined;
    const vpc = props.vpc ?? new PublicSubnetVpc(this, 'Network').vpc;
    this.cluster = new Cluster(this, 'Cluster', { vpc, containerInsightsV2: ContainerInsights.ENABLED });
    const taskDefinition = this.createTaskDefinition(props);
    const securityGroup = new SecurityGroup(this, 'TaskSecurityGroup', {
      vpc,
      description: 'Email worker tasks: no inbound rules (nothing connects to a queue worker), HTTPS out to AWS APIs',
      allowAllOutbound: false,
    });
    // SQS, DynamoDB, SES, ECR and CloudWatch Logs are all HTTPS APIs; DNS goes to the VPC resolver.
    securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), 'HTTPS to AWS service endpoints');
    this.service = new QueueProcessingFargateService(this, 'Service', {
      cluster: this.cluster,
      queue: props.queue,
      taskDefinition,
      minScalingCapacity: props.minCapacity ?? 0,
      maxScalingCapacity: props.maxCapacity ?? 4,
      scalingSteps: props.scalingSteps ?? DEFAULT_SCALING_STEPS,
      // Email jobs wait on the network: CPU says nothing about backlog and would fight queue scaling.
      disableCpuBasedScaling: true,
      // A public IP is how tasks in public subnets reach AWS APIs without a NAT gateway.
      assignPublicIp: createsVpc,
      taskSubnets: { subnetType: createsVpc ? SubnetType.PUBLIC : SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [securityGroup],
      minHealthyPercent: 100, // deploys start new tasks before stopping old ones
      maxHealthyPercent: 200,
      circuitBreaker: { rollback: true }, // a task that cannot start rolls the deploy back
    });
    // The pattern grants consume (including ChangeMessageVisibility for heartbeats and backoff).
    grantEmailConsumerAccess(props, this.service.taskDefinition.taskRole);
    this.consumerName = this.service.service.serviceName;
    this.consumerCountMetric = new Metric({
      namespace: 'ECS/ContainerInsights',
      metricName: 'RunningTaskCount',
      dimensionsMap: { ClusterName: this.cluster.clusterName, ServiceName: this.consumerName },
      statistic: 'Average',
      period: Duration.minutes(1),
    });
  }

  /** The worker's task: Graviton, read-only root filesystem, non-root user, a month of logs. */
  private createTaskDefinition(props: EmailFargateConsumerProps): FargateTaskDefinition {
    const workerConcurrency = props.workerConcurrency ?? EMAIL_WORKER_DEFAULTS.workerConcurrency;
    const taskDefinition = new FargateTaskDefinition(this, 'TaskDefinition', {
      taskRole: serviceRole(this, 'TaskRole', 'ecsTasks'), // trusts ECS for this account's tasks only
      cpu: props.cpu ?? 256,
      memoryLimitMiB: props.memoryLimitMiB ?? 512,
      // Graviton: about 20% cheaper per vCPU-hour than x86 on Fargate.
      runtimePlatform: { cpuArchitecture: CpuArchitecture.ARM64, operatingSystemFamily: OperatingSystemFamily.LINUX },
    });
    taskDefinition.addContainer('Worker', {
      image: fargateWorkerImage('runtime/email-worker/worker.ts'),
      environment: { ...props.environment, [EMAIL_WORKER_ENV.workerConcurrency]: String(workerConcurrency) },
      logging: LogDrivers.awsLogs({
        streamPrefix: 'email-worker',
        logGroup: new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
      }),
      stopTimeout: props.stopTimeout,
      readonlyRootFilesystem: true, // the worker writes nothing to disk
      // The image's unprivileged `node` user (uid:gid 1000:1000, see the Dockerfile's USER), stated in
      // the task definition too so the task runs as non-root even if the image's USER line is lost.
      user: '1000:1000',
    });
    return taskDefinition;
  }
}
