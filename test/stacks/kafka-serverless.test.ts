/**
 * KafkaStack with `clusterMode: 'serverless'`: snapshot, cdk-nag, the cost warning at synth, and
 * what differs from provisioned (no broker disks to watch; topics from a custom resource, since
 * AWS::MSK::Topic serves provisioned clusters only).
 */
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { KAFKA_ENV, KAFKA_PATTERN, KAFKA_TOPICS } from '../../runtime/kafka/kafka-names';
import { stackName } from '../../lib/common/stack-name';
import { KafkaStack } from '../../lib/kafka/kafka-stack';
import { KAFKA_OUTPUTS } from '../../lib/kafka/output-names';
import { TOPIC_ADMIN_ACTIONS } from '../../lib/kafka/kafka-serverless-topics';
import { kafkaTopicSpecs } from '../../lib/kafka/kafka-topic-specs';
import { TOPICS_RESOURCE_PROPERTIES } from '../../runtime/kafka/topics-lambda/topics-resource-properties';
import { newTestApp } from './helpers/email-worker-app';
import { logicalIdOf, policyStatements } from './helpers/email-worker-shared-assertions';

let stack: KafkaStack;
let template: Template;
const resolve = (value: unknown): unknown => stack.resolve(value);

/** The single resource of `type`. */
function only(type: string): { Properties: Record<string, unknown>; DependsOn?: string[] } {
  const resources = Object.values(template.findResources(type)) as { Properties: Record<string, unknown>; DependsOn?: string[] }[];
  expect(resources).toHaveLength(1);
  return resources[0]!;
}

/** The Lambda function whose `FunctionName`-less resource has this logical id. */
function functionProperties(logicalId: string): Record<string, unknown> {
  return (template.toJSON().Resources as Record<string, { Properties: Record<string, unknown> }>)[logicalId]!.Properties;
}

beforeAll(() => {
  stack = new KafkaStack(newTestApp(), stackName(KAFKA_PATTERN, 'test'), { clusterMode: 'serverless' });
  template = Template.fromStack(stack);
});

describe('KafkaStack (serverless)', () => {
  it('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });

  it('has zero unacknowledged cdk-nag AwsSolutions findings', () => {
    const result = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);

    expect(result.violations).toEqual([]);
  });

  it('warns at synth about the cluster-hours billed before any traffic, naming the advise command that prices them', () => {
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('cluster-hour.*npm run advise -- '));
  });

  it('creates a serverless cluster with IAM auth in the two subnets, and no provisioned cluster or AWS::MSK::Topic', () => {
    template.resourceCountIs('AWS::MSK::Cluster', 0);
    template.resourceCountIs('AWS::MSK::Topic', 0);
    template.hasResourceProperties('AWS::MSK::ServerlessCluster', {
      ClientAuthentication: { Sasl: { Iam: { Enabled: true } } },
      VpcConfigs: [{ SubnetIds: [Match.anyValue(), Match.anyValue()], SecurityGroups: [Match.anyValue()] }],
    });
  });

  it('points the sessionizer mapping at the serverless cluster with the same dead-letter topic', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { Ref: logicalIdOf(template, 'AWS::MSK::ServerlessCluster') },
      DestinationConfig: { OnFailure: { Destination: `kafka://${KAFKA_TOPICS.deadLetter}` } },
    });
  });

  it('has no broker disk alarms (MSK manages serverless storage); lag and dead-letter alarms remain', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));

    expect(alarms).toHaveLength(4);
    expect(JSON.stringify(alarms)).not.toContain('KafkaDataLogsDiskUsed');
  });

  it('outputs the cluster mode for the remote runs', () => {
    template.hasOutput(KAFKA_OUTPUTS.clusterMode, { Value: 'serverless' });
  });

  describe('topics: a custom resource (AWS::MSK::Topic serves provisioned clusters only)', () => {
    const topicsFunctionId = (): string => stack.getLogicalId(stack.clickstream.topics.serverlessTopics!.function.node.defaultChild as never);

    it('one Custom::KafkaTopics on this cluster and its SASL/IAM brokers, with every topic and only the configs Serverless accepts', () => {
      const resource = only('Custom::KafkaTopics').Properties;
      const topics = JSON.parse(resource[TOPICS_RESOURCE_PROPERTIES.topics] as string) as { name: string; partitions: number; configs: Record<string, string> }[];

      expect(resource[TOPICS_RESOURCE_PROPERTIES.clusterArn]).toEqual({ Ref: logicalIdOf(template, 'AWS::MSK::ServerlessCluster') });
      expect(resource[TOPICS_RESOURCE_PROPERTIES.bootstrapServers]).toEqual(resolve(stack.clickstream.bootstrapBrokers.saslIam));
      expect(topics.map((topic) => [topic.name, topic.partitions])).toEqual(kafkaTopicSpecs(6).map((spec) => [spec.name, spec.partitions]));
      // segment.ms and min.cleanable.dirty.ratio are provisioned-only; MSK Serverless would reject the topic.
      expect(topics.find((topic) => topic.name === KAFKA_TOPICS.sessions)?.configs).toEqual({ 'cleanup.policy': 'compact' });
      expect(topics.find((topic) => topic.name === KAFKA_TOPICS.clickstream)?.configs).toEqual({ 'cleanup.policy': 'delete', 'retention.ms': String(7 * 24 * 3600 * 1000) });
    });

    it('service token → the Provider framework function → the topics function, which runs with KAFKA_AUTH=iam', () => {
      const serviceToken = only('Custom::KafkaTopics').Properties.ServiceToken as { 'Fn::GetAtt': [string, string] };
      const framework = functionProperties(serviceToken['Fn::GetAtt'][0]) as { Environment: { Variables: Record<string, unknown> } };

      expect(framework.Environment.Variables.USER_ON_EVENT_FUNCTION_ARN).toEqual({ 'Fn::GetAtt': [topicsFunctionId(), 'Arn'] });
      expect((functionProperties(topicsFunctionId()) as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables[KAFKA_ENV.auth]).toBe('iam');
    });

    it('topics function → its security group → port 9098 of the cluster security group, both ways, and nothing else out', () => {
      const { VpcConfig } = functionProperties(topicsFunctionId()) as { VpcConfig: { SecurityGroupIds: unknown[]; SubnetIds: unknown[] } };
      const [clusterGroup] = (only('AWS::MSK::ServerlessCluster').Properties.VpcConfigs as { SecurityGroups: unknown[] }[])[0]!.SecurityGroups;
      const [functionGroup] = VpcConfig.SecurityGroupIds;
      const rules = (type: string) => Object.values(template.findResources(type)).map((rule) => (rule as { Properties: Record<string, unknown> }).Properties);
      const functionGroupId = (functionGroup as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const inlineEgress = (template.toJSON().Resources as Record<string, { Properties: { SecurityGroupEgress?: unknown[] } }>)[functionGroupId]!.Properties.SecurityGroupEgress;

      expect(VpcConfig.SubnetIds).toHaveLength(2);
      expect(rules('AWS::EC2::SecurityGroupIngress')).toContainEqual(expect.objectContaining({ GroupId: clusterGroup, SourceSecurityGroupId: functionGroup, FromPort: 9098, ToPort: 9098 }));
      expect(rules('AWS::EC2::SecurityGroupEgress').filter((rule) => JSON.stringify(rule.GroupId) === JSON.stringify(functionGroup))).toEqual([
        expect.objectContaining({ DestinationSecurityGroupId: clusterGroup, FromPort: 9098, ToPort: 9098 }),
      ]);
      // allowAllOutbound: false renders a placeholder rule that matches no traffic, not an open egress.
      expect(JSON.stringify(inlineEgress ?? [])).not.toContain('0.0.0.0/0');
    });

    it('topics function\'s role → Connect on the cluster and the topic-admin actions on exactly the three topic ARNs', () => {
      const role = resolve(stack.clickstream.topics.serverlessTopics!.function.role?.roleName);
      const kafkaStatements = policyStatements(template, role).filter((statement) => JSON.stringify(statement.Action).includes('kafka-cluster:'));
      const topicArn = (topic: string): unknown => resolve(stack.clickstream.cluster.topicArn(topic));

      const [connect, topicAdmin, ...others] = kafkaStatements;

      expect(others).toEqual([]);
      expect(connect?.Action).toBe('kafka-cluster:Connect');
      expect(JSON.stringify(connect?.Resource)).toBe(JSON.stringify(resolve(stack.clickstream.cluster.clusterArn)));
      expect([...(topicAdmin?.Action ?? [])].sort()).toEqual([...TOPIC_ADMIN_ACTIONS].sort());
      // CDK sorts the resources; compare as a set of exactly three.
      expect(topicAdmin?.Resource).toHaveLength(3);
      expect(topicAdmin?.Resource).toEqual(expect.arrayContaining(Object.values(KAFKA_TOPICS).map(topicArn)));
    });

    it('the custom resource waits for the ingress rule that admits its function on 9098 (nothing references that rule)', () => {
      const functionGroup = (functionProperties(topicsFunctionId()) as { VpcConfig: { SecurityGroupIds: unknown[] } }).VpcConfig.SecurityGroupIds[0];
      const ingress = Object.entries(template.findResources('AWS::EC2::SecurityGroupIngress'))
        .filter(([, rule]) => JSON.stringify((rule as { Properties: Record<string, unknown> }).Properties.SourceSecurityGroupId) === JSON.stringify(functionGroup))
        .map(([id]) => id);

      expect(ingress).toHaveLength(1);
      expect(only('Custom::KafkaTopics').DependsOn).toContain(ingress[0]);
    });

    it('the sessionizer mapping and the analytics service wait for the topics', () => {
      const topicsId = logicalIdOf(template, 'Custom::KafkaTopics');

      expect(only('AWS::Lambda::EventSourceMapping').DependsOn).toContain(topicsId);
      expect(only('AWS::ECS::Service').DependsOn).toContain(topicsId);
    });
  });
});
