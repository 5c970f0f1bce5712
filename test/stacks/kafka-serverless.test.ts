/**
 * KafkaStack with `clusterMode: 'serverless'`: snapshot, cdk-nag, the cost warning at synth, and
 * what differs from provisioned (no broker disks to watch, no AWS::MSK::Topic support).
 */
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { KAFKA_PATTERN, KAFKA_TOPICS } from '../../lambda/shared/kafka-names';
import { stackName } from '../../lib/common/stack-name';
import { KafkaStack } from '../../lib/kafka/kafka-stack';
import { KAFKA_OUTPUTS } from '../../lib/kafka/output-names';
import { newTestApp } from './helpers/email-worker-app';
import { logicalIdOf } from './helpers/email-worker-shared-assertions';

let stack: KafkaStack;
let template: Template;

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

  it('warns at synth about the ≈ USD 550/month baseline and the topics it cannot create', () => {
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('USD 550/month'));
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('Topics are not created on serverless'));
  });

  it('creates a serverless cluster with IAM auth in the two subnets, and no provisioned cluster or topics', () => {
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
});
