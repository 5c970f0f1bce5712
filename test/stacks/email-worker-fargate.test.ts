/**
 * EmailWorkerStack in `fargate` mode (the default): snapshot, the Fargate consumer's properties, the
 * shared resources and cdk-nag. Synthesized once with defaults, once with tuned props.
 */
import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { EMAIL_WORKER_ENV } from '../../runtime/email-worker/settings';
import type { EmailFargateConsumer } from '../../lib/email-worker/email-fargate-consumer';
import { SAMPLE_EMAIL_FROM, synthesizeEmailWorker } from './helpers/email-worker-app';
import { describeSharedEmailWorkerResources, expectedDefaultEnvironment, policyStatements, type SynthesizedEmailWorker } from './helpers/email-worker-shared-assertions';

let defaults: SynthesizedEmailWorker;
let tuned: SynthesizedEmailWorker;

beforeAll(() => {
  defaults = synthesizeEmailWorker({ emailFrom: SAMPLE_EMAIL_FROM });
  tuned = synthesizeEmailWorker({
    consumers: 'fargate',
    jobTimeout: Duration.seconds(50),
    retryBaseDelay: Duration.seconds(13),
    maxReceiveCount: 4,
    fargateConsumer: { minCapacity: 1, maxCapacity: 12, workerConcurrency: 25 },
  });
});

const resolve = (value: unknown): unknown => defaults.stack.resolve(value);
/** The worker container's environment as a name → value map. */
function containerEnvironment(synthesized: SynthesizedEmailWorker): Record<string, unknown> {
  const [taskDefinition] = Object.values(synthesized.template.findResources('AWS::ECS::TaskDefinition')) as {
    Properties: { ContainerDefinitions: { Environment: { Name: string; Value: unknown }[] }[] };
  }[];
  return Object.fromEntries(taskDefinition.Properties.ContainerDefinitions[0].Environment.map(({ Name, Value }) => [Name, Value]));
}
const consumer = (synthesized: SynthesizedEmailWorker): EmailFargateConsumer => synthesized.stack.worker.consumer as EmailFargateConsumer;

describe('EmailWorkerStack (fargate)', () => {
  it('matches the snapshot', () => {
    expect(defaults.template.toJSON()).toMatchSnapshot();
  });

  it('uses the fargate consumer by default', () => {
    expect(defaults.stack.worker.consumers).toBe('fargate');
    defaults.template.resourceCountIs('AWS::ECS::Service', 1);
    defaults.template.resourceCountIs('AWS::Lambda::EventSourceMapping', 0);
  });

  describeSharedEmailWorkerResources(() => defaults);

  it('derives the visibility timeout (2 × job timeout) and stopTimeout (job + 10 s drain) from the job timeout', () => {
    defaults.template.hasResourceProperties('AWS::SQS::Queue', { QueueName: Match.anyValue(), VisibilityTimeout: 60 });
    defaults.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ StopTimeout: 40 })],
    });
    tuned.template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: Match.anyValue(),
      VisibilityTimeout: 100,
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 4 }),
    });
    tuned.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ StopTimeout: 60 })],
    });
  });

  it('runs one read-only ARM64 container per task, logging to its own log group', () => {
    defaults.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RequiresCompatibilities: ['FARGATE'],
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
      Cpu: '256',
      Memory: '512',
      ContainerDefinitions: [Match.objectLike({
        ReadonlyRootFilesystem: true,
        LogConfiguration: Match.objectLike({ LogDriver: 'awslogs' }),
      })],
    });
  });

  it('runs the container as the image\'s non-root node user (uid:gid 1000:1000)', () => {
    defaults.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ User: '1000:1000' })],
    });
  });

  it('gives the worker every setting of settings.ts from the stack\'s own resources', () => {
    const expected = { ...expectedDefaultEnvironment(defaults.stack, 60), [EMAIL_WORKER_ENV.workerConcurrency]: '10' };

    expect(containerEnvironment(defaults)).toEqual(expected);
  });

  it('passes the tuned worker concurrency, job timeout and retry delay to the worker', () => {
    expect(containerEnvironment(tuned)).toMatchObject({
      [EMAIL_WORKER_ENV.workerConcurrency]: '25',
      [EMAIL_WORKER_ENV.jobTimeoutSeconds]: '50',
      [EMAIL_WORKER_ENV.retryBaseDelaySeconds]: '13',
      [EMAIL_WORKER_ENV.visibilityTimeoutSeconds]: '100',
    });
  });

  it('scales from 0 to 4 tasks on visible messages only (no CPU scaling)', () => {
    defaults.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 0, MaxCapacity: 4 });
    defaults.template.resourcePropertiesCountIs('AWS::ApplicationAutoScaling::ScalingPolicy', { PolicyType: 'TargetTrackingScaling' }, 0);
    tuned.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 1, MaxCapacity: 12 });
  });

  it('removes a task when the queue is empty and adds tasks from the first visible message', () => {
    defaults.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: Match.objectLike({
        AdjustmentType: 'ChangeInCapacity',
        StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }],
      }),
    });
    defaults.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: Match.objectLike({
        AdjustmentType: 'ChangeInCapacity',
        StepAdjustments: [
          { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 99, ScalingAdjustment: 1 },
          { MetricIntervalLowerBound: 99, MetricIntervalUpperBound: 999, ScalingAdjustment: 2 },
          { MetricIntervalLowerBound: 999, ScalingAdjustment: 4 },
        ],
      }),
    });
    defaults.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: resolve(defaults.stack.worker.jobs.queue.queueName) }],
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
    });
  });

  it('runs tasks in public subnets with a public IP and no NAT gateway', () => {
    defaults.template.resourceCountIs('AWS::EC2::NatGateway', 0);
    defaults.template.resourcePropertiesCountIs('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false }, 0);
    defaults.template.hasResourceProperties('AWS::ECS::Service', {
      LaunchType: 'FARGATE',
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'ENABLED' }) },
      DeploymentConfiguration: Match.objectLike({
        MinimumHealthyPercent: 100,
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      }),
    });
  });

  it('opens no inbound port and allows only HTTPS out', () => {
    defaults.template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('no inbound rules'),
      SecurityGroupIngress: Match.absent(),
      SecurityGroupEgress: [Match.objectLike({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' })],
    });
  });

  it('logs rejected VPC traffic and turns on Container Insights (the consumer-count metric)', () => {
    defaults.template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'REJECT' });
    defaults.template.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
    });
  });

  it('lets the task consume the queue, change visibility, send to the DLQ and use the table', () => {
    const jobs = defaults.stack.worker.jobs;
    const taskRole = consumer(defaults).service.taskDefinition.taskRole;

    const statements = policyStatements(defaults.template, resolve(taskRole.roleName));

    expect(statements).toContainEqual(expect.objectContaining({
      Action: expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:DeleteMessage']),
      Resource: resolve(jobs.queue.queueArn),
    }));
    expect(statements).toContainEqual(expect.objectContaining({
      Action: expect.arrayContaining(['sqs:SendMessage']),
      Resource: resolve(jobs.deadLetterQueue.queueArn),
    }));
    expect(statements).toContainEqual(expect.objectContaining({
      Action: expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
      Resource: resolve(defaults.stack.worker.idempotency.table.tableArn),
    }));
  });

  it('outputs the ECS service name as the consumer name', () => {
    defaults.template.hasOutput('ConsumerName', { Value: resolve(consumer(defaults).consumerName) });
  });
});
