/**
 * SignupFanout in EmailWorkerStack (`signupFanout: true`): snapshot, then topic → subscription →
 * queue policy → key policy end to end, the filter policy, raw delivery, the DLQs and their alarms
 * (subscription → DLQ → alarm → alarm topic → key), TLS and cdk-nag.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { EmailWorkerStack } from '../../lib/email-worker/email-worker-stack';
import { SIGNUP_EMAIL_OPT_IN_ATTRIBUTE, type SignupFanout } from '../../lib/fanout/signup-fanout';
import { alarmNotificationProblems } from './helpers/alarm-notification-check';
import { buildEmailWorker, SAMPLE_EMAIL_FROM, synthesizeEmailWorker } from './helpers/email-worker-app';
import type { CloudFormationTemplate } from './helpers/synthesized-app';

let stack: EmailWorkerStack;
let template: Template;
let fanout: SignupFanout;

beforeAll(() => {
  ({ stack, template } = synthesizeEmailWorker({ consumers: 'lambda', emailFrom: SAMPLE_EMAIL_FROM, signupFanout: true }));
  if (stack.worker.signupFanout === undefined) throw new Error('signupFanout was not created');
  fanout = stack.worker.signupFanout;
});

const resolve = (value: unknown): unknown => stack.resolve(value);
const DENY_INSECURE_TRANSPORT = Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });

describe('SignupFanout (SNS→SQS)', () => {
  it('matches the snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });

  it('has zero unacknowledged cdk-nag AwsSolutions findings', () => {
    const result = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);

    expect(result.violations).toEqual([]);
  });

  it('encrypts the topic with its own rotated key and denies non-TLS publishing', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: resolve(fanout.topicKey.keyArn) });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, Description: 'Encrypts the user-signup topic' });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [resolve(fanout.topic.topicArn)],
      PolicyDocument: { Statement: Match.arrayWith([DENY_INSECURE_TRANSPORT]) },
    });
  });

  it('subscribes the email queue with raw delivery, the opt-in filter and its own DLQ', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      TopicArn: resolve(fanout.topic.topicArn),
      Protocol: 'sqs',
      Endpoint: resolve(stack.worker.jobs.queue.queueArn),
      RawMessageDelivery: true,
      FilterPolicy: { [SIGNUP_EMAIL_OPT_IN_ATTRIBUTE]: ['true'] },
      RedrivePolicy: { deadLetterTargetArn: resolve(fanout.emailSubscriptionDeadLetterQueue.queueArn) },
    });
  });

  it('subscribes the analytics queue with raw delivery, no filter, and its own DLQ', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      TopicArn: resolve(fanout.topic.topicArn),
      Endpoint: resolve(fanout.analytics.queue.queueArn),
      RawMessageDelivery: true,
      FilterPolicy: Match.absent(),
      RedrivePolicy: { deadLetterTargetArn: resolve(fanout.analyticsSubscriptionDeadLetterQueue.queueArn) },
    });
  });

  it.each([
    ['email queue', () => stack.worker.jobs.queue],
    ['analytics queue', () => fanout.analytics.queue],
    ['email subscription DLQ', () => fanout.emailSubscriptionDeadLetterQueue],
    ['analytics subscription DLQ', () => fanout.analyticsSubscriptionDeadLetterQueue],
  ])('lets only this topic send to the %s, over TLS only', (_name, queue) => {
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [resolve(queue().queueUrl)],
      PolicyDocument: {
        Statement: Match.arrayWith([
          DENY_INSECURE_TRANSPORT,
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: resolve(queue().queueArn),
            Condition: { ArnEquals: { 'aws:SourceArn': resolve(fanout.topic.topicArn) } },
          }),
        ]),
      },
    });
  });

  it('encrypts the analytics queue and both subscription DLQs with the key SNS may use for this topic only', () => {
    const keyArn = resolve(fanout.encryptionKey.keyArn);
    template.resourcePropertiesCountIs('AWS::SQS::Queue', { KmsMasterKeyId: keyArn }, 4); // analytics, its DLQ, two subscription DLQs
    template.hasResourceProperties('AWS::KMS::Key', {
      Description: Match.stringLikeRegexp('analytics queue'),
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'sns.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Condition: { ArnEquals: { 'aws:SourceArn': resolve(fanout.topic.topicArn) } },
        })]),
      },
    });
  });

  it('alarms on every subscription DLQ, through the alarm topic and a key CloudWatch may use', () => {
    const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
    const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
    const subscriptionDlqIds = ofType('AWS::SNS::Subscription').map(([, subscription]) =>
      (subscription.Properties.RedrivePolicy as { deadLetterTargetArn: { 'Fn::GetAtt': [string, string] } }).deadLetterTargetArn['Fn::GetAtt'][0]);
    expect(subscriptionDlqIds).toHaveLength(2);

    for (const dlqId of subscriptionDlqIds) {
      const alarms = ofType('AWS::CloudWatch::Alarm').filter(([, alarm]) =>
        JSON.stringify(alarm.Properties.Dimensions) === JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }]));
      expect(alarms).toHaveLength(1);
      const [, alarm] = alarms[0];
      expect(alarm.Properties).toMatchObject({
        MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1,
      });
      const [action] = alarm.Properties.AlarmActions as { Ref: string }[];
      expect(action).toEqual(resolve(stack.worker.alarmTopic.topic.topicArn));
      expect(resources[action.Ref].Properties.KmsMasterKeyId).toEqual(resolve(stack.worker.alarmTopic.encryptionKey.keyArn));
    }
    // The topic's policy and key let CloudWatch publish (the same check the whole app passes).
    expect(alarmNotificationProblems(template.toJSON() as CloudFormationTemplate)).toEqual([]);
  });

  it('refuses a FIFO email queue (a standard topic cannot deliver to it)', () => {
    expect(() => buildEmailWorker({ queueType: 'fifo', signupFanout: true })).toThrow(/a standard SNS topic cannot deliver to FIFO queues/);
  });
});
