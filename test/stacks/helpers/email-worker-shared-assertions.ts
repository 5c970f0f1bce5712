/**
 * Assertions every EmailWorkerStack template must pass, whatever its consumer mode. Each mode's test
 * file calls {@link describeSharedEmailWorkerResources} with its own synthesized template.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EMAIL_WORKER_ENV } from '../../../runtime/email-worker/settings';
import { EMAIL_FROM_MISSING_MESSAGE, EMAIL_FROM_PARAMETER } from '../../../lib/email-worker/email-sender-identity';
import type { EmailWorkerStack } from '../../../lib/email-worker/email-worker-stack';
import { EMAIL_WORKER_OUTPUTS } from '../../../lib/email-worker/output-names';

/** What a mode's test file synthesized once. */
export interface SynthesizedEmailWorker {
  readonly stack: EmailWorkerStack;
  readonly template: Template;
}

/** The TLS-only statement `enforceSSL` adds to a resource policy. */
const DENY_INSECURE_TRANSPORT = Match.objectLike({
  Effect: 'Deny',
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

/** Logical id of the only resource of `type` matching `props`. */
export function logicalIdOf(template: Template, type: string, props: Record<string, unknown> = {}): string {
  const ids = Object.keys(template.findResources(type, { Properties: Match.objectLike(props) }));
  if (ids.length !== 1) throw new Error(`expected one ${type} matching ${JSON.stringify(props)}, found ${ids.length}`);
  return ids[0];
}

/**
 * The environment both consumers must get with default props, as the template renders it.
 * @param visibilityTimeoutSeconds the mode's derived visibility timeout
 */
export function expectedDefaultEnvironment(stack: EmailWorkerStack, visibilityTimeoutSeconds: number): Record<string, unknown> {
  return {
    [EMAIL_WORKER_ENV.queueUrl]: stack.resolve(stack.worker.jobs.queue.queueUrl),
    [EMAIL_WORKER_ENV.deadLetterQueueUrl]: stack.resolve(stack.worker.jobs.deadLetterQueue.queueUrl),
    [EMAIL_WORKER_ENV.idempotencyTableName]: stack.resolve(stack.worker.idempotency.table.tableName),
    [EMAIL_WORKER_ENV.idempotencyTtlSeconds]: String(4 * 24 * 3600), // the queue's retention
    [EMAIL_WORKER_ENV.emailFrom]: { Ref: EMAIL_FROM_PARAMETER },
    [EMAIL_WORKER_ENV.visibilityTimeoutSeconds]: String(visibilityTimeoutSeconds),
    [EMAIL_WORKER_ENV.jobTimeoutSeconds]: '30',
    [EMAIL_WORKER_ENV.retryBaseDelaySeconds]: '30',
    [EMAIL_WORKER_ENV.maxReceiveCount]: '5', // the queue's redrive maxReceiveCount, for the runtime's retry-schedule check
    POWERTOOLS_SERVICE_NAME: 'email-worker',
    POWERTOOLS_METRICS_NAMESPACE: 'QueueOrStream/EmailWorker',
  };
}

/** One statement of an IAM policy in the template. */
export interface PolicyStatement {
  readonly Action: string | string[];
  readonly Effect: string;
  readonly Resource: unknown;
}

/** Every statement of the template's AWS::IAM::Policy resources, optionally only those attached to `roleRef`. */
export function policyStatements(template: Template, roleRef?: unknown): PolicyStatement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as {
    Properties: { Roles: unknown[]; PolicyDocument: { Statement: PolicyStatement[] } };
  }[];
  return policies
    .filter((policy) => roleRef === undefined || JSON.stringify(policy.Properties.Roles) === JSON.stringify([roleRef]))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

/** Registers the shared assertions; `synthesized()` returns the file's once-synthesized stack. */
export function describeSharedEmailWorkerResources(synthesized: () => SynthesizedEmailWorker): void {
  const template = (): Template => synthesized().template;
  const resolve = (value: unknown): unknown => synthesized().stack.resolve(value);

  describe('shared resources', () => {
    it('has zero unacknowledged cdk-nag AwsSolutions findings', () => {
      const result = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(synthesized().stack);

      expect(result.violations).toEqual([]);
    });

    it('encrypts the queue with SSE-SQS, long-polls for 20 s and dead-letters after 5 receives', () => {
      template().hasResourceProperties('AWS::SQS::Queue', {
        QueueName: Match.stringLikeRegexp('EmailQueue'),
        SqsManagedSseEnabled: true,
        ReceiveMessageWaitTimeSeconds: 20,
        MessageRetentionPeriod: 4 * 24 * 3600,
        RedrivePolicy: { deadLetterTargetArn: resolve(synthesized().stack.worker.jobs.deadLetterQueue.queueArn), maxReceiveCount: 5 },
      });
    });

    it('keeps dead letters 14 days and lets only its own source queue use the DLQ', () => {
      const queueName = template().findResources('AWS::SQS::Queue', { Properties: { QueueName: Match.anyValue() } });
      const [sourceQueue] = Object.values(queueName) as { Properties: { QueueName: string } }[];

      template().hasResourceProperties('AWS::SQS::Queue', {
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
        RedriveAllowPolicy: {
          redrivePermission: 'byQueue',
          sourceQueueArns: [{ 'Fn::Join': ['', Match.arrayWith([`:${sourceQueue.Properties.QueueName}`])] }],
        },
      });
    });

    it('denies non-TLS access to both queues and the alarm topic', () => {
      const jobs = synthesized().stack.worker.jobs;
      for (const queue of [jobs.queue, jobs.deadLetterQueue]) {
        template().hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [resolve(queue.queueUrl)],
          PolicyDocument: { Statement: Match.arrayWith([DENY_INSECURE_TRANSPORT]) },
        });
      }
      template().hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: { Statement: Match.arrayWith([DENY_INSECURE_TRANSPORT]) },
      });
    });

    it('stores idempotency keys in Powertools\' schema, on demand, with TTL and point-in-time recovery', () => {
      template().hasResource('AWS::DynamoDB::GlobalTable', {
        DeletionPolicy: 'Delete',
        Properties: Match.objectLike({
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
          TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
          Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
        }),
      });
    });

    it("encrypts the alarm topic with a rotated key CloudWatch may use for this account's alarms only", () => {
      const keyId = logicalIdOf(template(), 'AWS::KMS::Key');

      template().hasResourceProperties('AWS::KMS::Key', {
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith([Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: { 'aws:SourceArn': Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([':alarm:*'])]) }) },
            },
          })]),
        },
      });
      template().hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    });

    it('alarms to the topic when the DLQ holds any message', () => {
      const stack = synthesized().stack;

      template().hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: resolve(stack.worker.jobs.deadLetterQueue.queueName) }],
        Statistic: 'Maximum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [resolve(stack.worker.alarmTopic.topic.topicArn)],
        OKActions: [resolve(stack.worker.alarmTopic.topic.topicArn)],
      });
    });

    it('alarms to the topic when the oldest job is over 15 minutes old', () => {
      const stack = synthesized().stack;

      template().hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateAgeOfOldestMessage',
        Dimensions: [{ Name: 'QueueName', Value: resolve(stack.worker.jobs.queue.queueName) }],
        Threshold: 15 * 60,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [resolve(stack.worker.alarmTopic.topic.topicArn)],
      });
    });

    it('puts queue health, consumers and the EMF metrics on the dashboard', () => {
      const [dashboard] = Object.values(template().findResources('AWS::CloudWatch::Dashboard'));
      const body = JSON.stringify(dashboard);

      for (const metric of ['ApproximateNumberOfMessagesVisible', 'ApproximateNumberOfMessagesNotVisible',
        'ApproximateAgeOfOldestMessage', 'EmailsSent', 'EmailsFailed', 'JobDuration', 'QueueOrStream/EmailWorker', 'email-worker']) {
        expect(body).toContain(metric);
      }
    });

    it('lets the consumer send mail only from the sender identity (address or its domain)', () => {
      const identity = (name: unknown) => ({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':identity/', name]],
      });


      expect(policyStatements(template())).toContainEqual(expect.objectContaining({
        Action: ['ses:SendEmail', 'ses:SendRawEmail'],
        Effect: 'Allow',
        Resource: expect.arrayContaining([
          identity({ Ref: EMAIL_FROM_PARAMETER }),
          identity({ 'Fn::Select': [1, { 'Fn::Split': ['@', { Ref: EMAIL_FROM_PARAMETER }] }] }),
        ]),
      }));
    });

    it('grants SES nothing on "*"', () => {
      const policies = JSON.stringify(template().findResources('AWS::IAM::Policy'));

      expect(policies).toContain('ses:SendEmail');
      expect(policies).not.toMatch(/"Action":\["?ses:[^\]]*\],"Effect":"Allow","Resource":"\*"/);
    });

    it('refuses a deploy without a sender, with a message that says how to give one', () => {
      template().hasParameter(EMAIL_FROM_PARAMETER, { Type: 'String', Default: Match.anyValue() });
      const rules = template().toJSON().Rules as Record<string, { Assertions: { AssertDescription: string }[] }>;

      expect(Object.values(rules).flatMap((rule) => rule.Assertions.map((assertion) => assertion.AssertDescription)))
        .toContain(EMAIL_FROM_MISSING_MESSAGE);
    });

    it('outputs every name in output-names.ts, including the exact redrive command', () => {
      const stack = synthesized().stack;
      for (const key of Object.values(EMAIL_WORKER_OUTPUTS)) template().hasOutput(key, { Value: Match.anyValue() });

      template().hasOutput(EMAIL_WORKER_OUTPUTS.queueUrl, { Value: resolve(stack.worker.jobs.queue.queueUrl) });
      template().hasOutput(EMAIL_WORKER_OUTPUTS.deadLetterQueueUrl, { Value: resolve(stack.worker.jobs.deadLetterQueue.queueUrl) });
      template().hasOutput(EMAIL_WORKER_OUTPUTS.redriveCommand, {
        Value: {
          'Fn::Join': [
            '',
            [
              'aws sqs start-message-move-task --source-arn ',
              resolve(stack.worker.jobs.deadLetterQueue.queueArn),
              ' --destination-arn ',
              resolve(stack.worker.jobs.queue.queueArn),
            ],
          ],
        },
      });
    });
  });
}
