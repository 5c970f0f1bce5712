/**
 * KafkaStack with default props (provisioned cluster): snapshot, cdk-nag, the properties that
 * matter, and each authorization link followed from one resource to the next through the template.
 * Synthesized once (bundling skipped: the sessionizer bundle is the runtime's to test).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CLICKSTREAM_PROCESSOR_ENV } from '../../runtime/clickstream/processor-lambda/settings';
import { KAFKA_ENV, KAFKA_GROUPS, KAFKA_PATTERN, KAFKA_TOPICS } from '../../runtime/kafka/kafka-names';
import { stackName } from '../../lib/common/stack-name';
import { KafkaStack } from '../../lib/kafka/kafka-stack';
import { KAFKA_OUTPUTS } from '../../lib/kafka/output-names';
import { newTestApp } from './helpers/email-worker-app';
import { logicalIdOf, policyStatements } from './helpers/email-worker-shared-assertions';

let stack: KafkaStack;
let template: Template;
const resolve = (value: unknown): unknown => stack.resolve(value);

beforeAll(() => {
  stack = new KafkaStack(newTestApp(), stackName(KAFKA_PATTERN, 'test'));
  template = Template.fromStack(stack);
});

/** The single resource of `type`, as the template has it. */
function only(type: string): { Properties: Record<string, unknown>; DependsOn?: string[] } {
  const resources = Object.values(template.findResources(type)) as { Properties: Record<string, unknown>; DependsOn?: string[] }[];
  expect(resources).toHaveLength(1);
  return resources[0];
}

/** Security-group rules as CloudFormation resources and inline rules, normalised to one shape. */
function ingressRules(): { GroupId: unknown; SourceSecurityGroupId: unknown; FromPort: unknown; ToPort: unknown }[] {
  const rules = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')) as { Properties: Record<string, unknown> }[];
  return rules.map(({ Properties }) => ({
    GroupId: Properties.GroupId, SourceSecurityGroupId: Properties.SourceSecurityGroupId, FromPort: Properties.FromPort, ToPort: Properties.ToPort,
  }));
}
function egressRules(): { GroupId: unknown; DestinationSecurityGroupId: unknown; FromPort: unknown; ToPort: unknown }[] {
  const rules = Object.values(template.findResources('AWS::EC2::SecurityGroupEgress')) as { Properties: Record<string, unknown> }[];
  return rules.map(({ Properties }) => ({
    GroupId: Properties.GroupId, DestinationSecurityGroupId: Properties.DestinationSecurityGroupId, FromPort: Properties.FromPort, ToPort: Properties.ToPort,
  }));
}

describe('KafkaStack (provisioned, defaults)', () => {
  it('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });

  it('is named with the stage prefix', () => {
    expect(stack.stackName).toBe('QueueOrStream-test-Kafka');
  });

  it('has zero unacknowledged cdk-nag AwsSolutions findings', () => {
    const result = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);

    expect(result.violations).toEqual([]);
  });

  describe('cluster', () => {
    it('is 2 × kafka.t3.small on Kafka 4.2 with IAM auth only, TLS everywhere and no public access', () => {
      template.resourceCountIs('AWS::MSK::ServerlessCluster', 0);
      template.hasResourceProperties('AWS::MSK::Cluster', {
        KafkaVersion: '4.2.x.kraft',
        NumberOfBrokerNodes: 2,
        BrokerNodeGroupInfo: Match.objectLike({
          InstanceType: 'kafka.t3.small',
          StorageInfo: { EBSStorageInfo: { VolumeSize: 10 } },
          ConnectivityInfo: { PublicAccess: { Type: 'DISABLED' } },
        }),
        ClientAuthentication: { Sasl: { Iam: { Enabled: true } }, Unauthenticated: { Enabled: false } },
        EncryptionInfo: { EncryptionInTransit: { ClientBroker: 'TLS', InCluster: true } },
        EnhancedMonitoring: 'DEFAULT',
      });
    });

    it('puts one broker in each of two public subnets, with no NAT gateway and no interface endpoint', () => {
      const subnets = (only('AWS::MSK::Cluster').Properties.BrokerNodeGroupInfo as { ClientSubnets: unknown[] }).ClientSubnets;
      expect(subnets).toHaveLength(2);
      for (const subnet of subnets) {
        const id = (subnet as { Ref: string }).Ref;
        expect(template.toJSON().Resources[id].Properties.MapPublicIpOnLaunch).toBe(true);
      }
      template.resourceCountIs('AWS::EC2::NatGateway', 0);
      template.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
    });
  });

  describe('topics', () => {
    const decode = (configs: unknown): Record<string, string> => JSON.parse(Buffer.from(String(configs), 'base64').toString('utf8')) as Record<string, string>;

    it('creates clickstream (6, delete), clickstream-sessions (6, compact) and the dead-letter topic (1) on the cluster, replicated to both brokers', () => {
      const topics = Object.values(template.findResources('AWS::MSK::Topic')) as { Properties: Record<string, unknown> }[];
      const byName = Object.fromEntries(topics.map(({ Properties }) => [Properties.TopicName, Properties]));

      expect(Object.keys(byName).sort()).toEqual([KAFKA_TOPICS.clickstream, KAFKA_TOPICS.sessions, KAFKA_TOPICS.deadLetter].sort());
      for (const topic of topics) {
        expect(topic.Properties.ClusterArn).toEqual(resolve(stack.clickstream.cluster.clusterArn));
        expect(topic.Properties.ReplicationFactor).toBe(2);
      }
      expect(byName[KAFKA_TOPICS.clickstream].PartitionCount).toBe(6);
      expect(decode(byName[KAFKA_TOPICS.clickstream].Configs)).toEqual({ 'cleanup.policy': 'delete', 'retention.ms': '604800000' });
      expect(byName[KAFKA_TOPICS.sessions].PartitionCount).toBe(6);
      expect(decode(byName[KAFKA_TOPICS.sessions].Configs)).toMatchObject({ 'cleanup.policy': 'compact' });
      expect(byName[KAFKA_TOPICS.deadLetter].PartitionCount).toBe(1);
    });
  });

  describe('sessionizer', () => {
    it('reads clickstream in group sessionizer from TRIM_HORIZON with every failure bounded and a Kafka dead-letter topic', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: resolve(stack.clickstream.sessionizer.function.functionName),
        Topics: [KAFKA_TOPICS.clickstream],
        AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: KAFKA_GROUPS.sessionizer },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 100,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 2,
        MaximumRecordAgeInSeconds: 3600,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: `kafka://${KAFKA_TOPICS.deadLetter}` } },
        ProvisionedPollerConfig: { MinimumPollers: 1, MaximumPollers: 2 },
        MetricsConfig: { Metrics: Match.arrayWith(['EventCount']) },
      });
    });

    it('waits for every topic before the mapping is created', () => {
      const topicIds = Object.keys(template.findResources('AWS::MSK::Topic'));

      expect(only('AWS::Lambda::EventSourceMapping').DependsOn).toEqual(expect.arrayContaining(topicIds));
    });

    it('writes sessions to its table with the Kinesis processor\'s settings', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Architectures: ['arm64'],
        Environment: {
          Variables: Match.objectLike({
            [CLICKSTREAM_PROCESSOR_ENV.sessionTableName]: resolve(stack.clickstream.sessionizer.sessionTable.tableName),
            [CLICKSTREAM_PROCESSOR_ENV.sessionTimeoutSeconds]: '1800',
          }),
        },
      });
    });
  });

  describe('analytics members', () => {
    it('run 2 ARM64 tasks with a read-only root file system in public subnets with a public IP', () => {
      template.hasResourceProperties('AWS::ECS::TaskDefinition', {
        RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
        ContainerDefinitions: [Match.objectLike({ ReadonlyRootFilesystem: true })],
      });
      template.hasResourceProperties('AWS::ECS::Service', {
        DesiredCount: 2,
        NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'ENABLED' }) },
      });
    });

    it('get the SASL/IAM bootstrap brokers from kafka:GetBootstrapBrokers on this cluster', () => {
      const container = (only('AWS::ECS::TaskDefinition').Properties.ContainerDefinitions as { Environment: { Name: string; Value: unknown }[] }[])[0];
      const environment = Object.fromEntries(container.Environment.map(({ Name, Value }) => [Name, Value]));
      const lookupId = logicalIdOf(template, 'Custom::AWS');

      expect(environment).toEqual({
        [KAFKA_ENV.bootstrapServers]: { 'Fn::GetAtt': [lookupId, 'BootstrapBrokerStringSaslIam'] },
        [KAFKA_ENV.auth]: 'iam',
        AWS_REGION: { Ref: 'AWS::Region' },
      });
      const create = JSON.stringify(template.toJSON().Resources[lookupId].Properties.Create);
      expect(create).toContain('getBootstrapBrokers');
      expect(create).toContain(logicalIdOf(template, 'AWS::MSK::Cluster'));
    });

    it('run as a non-root user (the image\'s last USER)', () => {
      const dockerfile = fs.readFileSync(path.join(__dirname, '../../runtime/shared/fargate-worker.Dockerfile'), 'utf8');
      const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((match) => match[1]);

      expect(users.length).toBeGreaterThan(0);
      expect(['root', '0']).not.toContain(users[users.length - 1]);
    });

    it('build every stage from a base image pinned by digest (a tag alone moves with each rebuild)', () => {
      const dockerfile = fs.readFileSync(path.join(__dirname, '../../runtime/shared/fargate-worker.Dockerfile'), 'utf8');
      const args = new Map([...dockerfile.matchAll(/^ARG\s+(\w+)=(\S+)/gm)].map((match) => [match[1], match[2]]));
      const images = [...dockerfile.matchAll(/^FROM\s+(?:--platform=\S+\s+)?(\S+)/gm)]
        .map((match) => match[1].replace(/^\$\{(\w+)\}$/, (_whole, name: string) => args.get(name) ?? name));

      expect(images.length).toBeGreaterThan(1);
      for (const image of images) expect(image).toMatch(/^node:[\w.-]+@sha256:[0-9a-f]{64}$/);
    });
  });

  describe('authorization links, followed end to end', () => {
    it('event source mapping → this cluster\'s ARN, and the cluster security group admits the mapping\'s ENIs (same group)', () => {
      const clusterId = logicalIdOf(template, 'AWS::MSK::Cluster');
      const mapping = only('AWS::Lambda::EventSourceMapping').Properties;
      expect(mapping.EventSourceArn).toEqual({ Ref: clusterId });

      // The mapping's ENIs take the cluster's subnets and security groups, so the group must admit itself.
      const [clusterGroup] = (only('AWS::MSK::Cluster').Properties.BrokerNodeGroupInfo as { SecurityGroups: unknown[] }).SecurityGroups;
      expect(ingressRules()).toContainEqual({ GroupId: clusterGroup, SourceSecurityGroupId: clusterGroup, FromPort: 0, ToPort: 65535 });
      expect(egressRules()).toContainEqual({ GroupId: clusterGroup, DestinationSecurityGroupId: clusterGroup, FromPort: 0, ToPort: 65535 });
    });

    it('members → their security group → port 9098 of the cluster security group, both ways', () => {
      const [clusterGroup] = (only('AWS::MSK::Cluster').Properties.BrokerNodeGroupInfo as { SecurityGroups: unknown[] }).SecurityGroups;
      const service = only('AWS::ECS::Service').Properties as { NetworkConfiguration: { AwsvpcConfiguration: { SecurityGroups: unknown[] } } };
      const [membersGroup] = service.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups;

      expect(ingressRules()).toContainEqual({ GroupId: clusterGroup, SourceSecurityGroupId: membersGroup, FromPort: 9098, ToPort: 9098 });
      expect(egressRules()).toContainEqual({ GroupId: membersGroup, DestinationSecurityGroupId: clusterGroup, FromPort: 9098, ToPort: 9098 });
    });

    /** kafka-cluster statements of one role, as action → resources. */
    function kafkaGrants(roleRef: unknown): Map<string, unknown[]> {
      const grants = new Map<string, unknown[]>();
      for (const statement of policyStatements(template, roleRef)) {
        const actions = ([] as string[]).concat(statement.Action).filter((action) => action.startsWith('kafka-cluster:'));
        for (const action of actions) grants.set(action, [...(grants.get(action) ?? []), ...([] as unknown[]).concat(statement.Resource)]);
      }
      return grants;
    }
    const topicArn = (topic: string): unknown => resolve(stack.clickstream.cluster.topicArn(topic));
    const groupArn = (group: string): unknown => resolve(stack.clickstream.cluster.groupArn(group));

    it('topic and group ARNs name this cluster: its name and the UUID taken from its ARN', () => {
      const arn = JSON.stringify(topicArn(KAFKA_TOPICS.clickstream));

      expect(arn).toContain(`:topic/${stack.clickstream.cluster.clusterName}/`);
      expect(arn).toContain(JSON.stringify({ Ref: logicalIdOf(template, 'AWS::MSK::Cluster') }));
      expect(arn).toContain(`/${KAFKA_TOPICS.clickstream}`);
    });

    it('members\' task role → Connect on the cluster, read clickstream, write clickstream-sessions, group analytics; nothing else', () => {
      const taskRole = resolve(stack.clickstream.analytics.taskDefinition.taskRole.roleName);
      const grants = kafkaGrants(taskRole);

      expect(Object.fromEntries(grants)).toEqual({
        'kafka-cluster:Connect': [resolve(stack.clickstream.cluster.clusterArn)],
        'kafka-cluster:DescribeTopic': [topicArn(KAFKA_TOPICS.clickstream), topicArn(KAFKA_TOPICS.sessions)],
        'kafka-cluster:ReadData': [topicArn(KAFKA_TOPICS.clickstream)],
        'kafka-cluster:WriteData': [topicArn(KAFKA_TOPICS.sessions)],
        'kafka-cluster:DescribeGroup': [groupArn(KAFKA_GROUPS.analytics)],
        'kafka-cluster:AlterGroup': [groupArn(KAFKA_GROUPS.analytics)],
      });
    });

    it('sessionizer\'s role → read clickstream, write only the dead-letter topic, group sessionizer', () => {
      const role = resolve(stack.clickstream.sessionizer.function.role?.roleName);
      const grants = kafkaGrants(role);

      expect(grants.get('kafka-cluster:ReadData')).toEqual([topicArn(KAFKA_TOPICS.clickstream)]);
      expect(grants.get('kafka-cluster:WriteData')).toEqual([topicArn(KAFKA_TOPICS.deadLetter)]);
      expect(grants.get('kafka-cluster:AlterGroup')).toEqual([groupArn(KAFKA_GROUPS.sessionizer)]);
      expect(grants.get('kafka-cluster:Connect')).toEqual([resolve(stack.clickstream.cluster.clusterArn)]);
      expect(JSON.stringify([...grants.values()])).not.toContain('"*"');
    });

    it('every alarm → the alarm topic, for ALARM and OK', () => {
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as { Properties: { AlarmActions: unknown[]; OKActions: unknown[] } }[];
      const topicRef = { Ref: logicalIdOf(template, 'AWS::SNS::Topic') };

      expect(alarms).toHaveLength(6);
      for (const alarm of alarms) {
        expect(alarm.Properties.AlarmActions).toEqual([topicRef]);
        expect(alarm.Properties.OKActions).toEqual([topicRef]);
      }
    });
  });

  describe('alarms', () => {
    /** An alarm on one labelled metric (labelled metrics render in the `Metrics` form). */
    function alarmOn(namespace: string, metricName: string, dimensions: unknown, stat: string, threshold: number): void {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Threshold: threshold,
        Metrics: [Match.objectLike({
          MetricStat: Match.objectLike({ Metric: { Namespace: namespace, MetricName: metricName, Dimensions: dimensions }, Stat: stat }),
        })],
      });
    }

    it('watch the mapping\'s OffsetLag, each group\'s SumOffsetLag, both brokers\' disks and any dead-lettered record', () => {
      const clusterName = stack.clickstream.cluster.clusterName;
      alarmOn('AWS/Lambda', 'OffsetLag', [{ Name: 'FunctionName', Value: resolve(stack.clickstream.sessionizer.function.functionName) }], 'Maximum', 1000);
      for (const group of [KAFKA_GROUPS.sessionizer, KAFKA_GROUPS.analytics]) {
        alarmOn('AWS/Kafka', 'SumOffsetLag', [
          { Name: 'Cluster Name', Value: clusterName }, { Name: 'Consumer Group', Value: group }, { Name: 'Topic', Value: KAFKA_TOPICS.clickstream },
        ], 'Maximum', 1000);
      }
      for (const broker of ['1', '2']) {
        alarmOn('AWS/Kafka', 'KafkaDataLogsDiskUsed', [{ Name: 'Broker ID', Value: broker }, { Name: 'Cluster Name', Value: clusterName }], 'Maximum', 80);
      }
      alarmOn('AWS/Lambda', 'OnFailureDestinationDeliveredEventCount',
        [{ Name: 'EventSourceMappingUUID', Value: { Ref: logicalIdOf(template, 'AWS::Lambda::EventSourceMapping') } }], 'Sum', 0);
    });
  });

  it('outputs what the remote runs need', () => {
    for (const key of Object.values(KAFKA_OUTPUTS)) template.hasOutput(key, {});
    template.hasOutput(KAFKA_OUTPUTS.clusterArn, { Value: resolve(stack.clickstream.cluster.clusterArn) });
    template.hasOutput(KAFKA_OUTPUTS.clusterMode, { Value: 'provisioned' });
    template.hasOutput(KAFKA_OUTPUTS.deadLetterTopic, { Value: KAFKA_TOPICS.deadLetter });
  });

  it('the client security group output → a group the cluster security group admits on 9098, in the brokers\' subnets', () => {
    const [clusterGroup] = (only('AWS::MSK::Cluster').Properties.BrokerNodeGroupInfo as { SecurityGroups: unknown[]; ClientSubnets: unknown[] }).SecurityGroups;
    const clientGroup = (template.findOutputs(KAFKA_OUTPUTS.clientSecurityGroupId)[KAFKA_OUTPUTS.clientSecurityGroupId] as { Value: unknown }).Value;
    const subnets = (template.findOutputs(KAFKA_OUTPUTS.clientSubnetIds)[KAFKA_OUTPUTS.clientSubnetIds] as { Value: unknown }).Value;

    expect(ingressRules()).toContainEqual({ GroupId: clusterGroup, SourceSecurityGroupId: clientGroup, FromPort: 9098, ToPort: 9098 });
    expect(subnets).toEqual({ 'Fn::Join': [',', (only('AWS::MSK::Cluster').Properties.BrokerNodeGroupInfo as { ClientSubnets: unknown[] }).ClientSubnets] });
  });
});
