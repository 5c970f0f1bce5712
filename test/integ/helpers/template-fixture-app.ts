/**
 * A small CDK app that uses every template feature the local provisioners read: a queue with a
 * DLQ (redrive + redrive-allow), a table with TTL, a function whose environment uses Ref, GetAtt,
 * Fn::Join and Fn::Sub, an SQS event source, and an SNS topic (not emulated).
 */
import { Duration, Fn, Stack, type App } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, type CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, RedrivePermission } from 'aws-cdk-lib/aws-sqs';

export const FIXTURE_STACK_NAME = 'TemplateFixtureStack';

/** Values the fixture declares, so tests compare against the source rather than literals. */
export const FIXTURE = {
  visibilityTimeoutSeconds: 42,
  deadLetterRetentionSeconds: 1_209_600,
  maxReceiveCount: 4,
  functionTimeoutSeconds: 7,
  batchSize: 8,
  maxBatchingWindowSeconds: 2,
  maxConcurrency: 3,
  ttlAttribute: 'expiration',
} as const;

export function buildTemplateFixtureApp(app: App): void {
  const stack = new Stack(app, FIXTURE_STACK_NAME);
  const deadLetterQueue = new Queue(stack, 'DeadLetters', {
    retentionPeriod: Duration.seconds(FIXTURE.deadLetterRetentionSeconds),
    redriveAllowPolicy: { redrivePermission: RedrivePermission.DENY_ALL },
  });
  const queue = new Queue(stack, 'Jobs', {
    visibilityTimeout: Duration.seconds(FIXTURE.visibilityTimeoutSeconds),
    receiveMessageWaitTime: Duration.seconds(20),
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: FIXTURE.maxReceiveCount },
  });
  const table = new Table(stack, 'Store', {
    partitionKey: { name: 'id', type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: FIXTURE.ttlAttribute,
  });
  // Fixed logical id so the Fn::Sub `${Store.Arn}` form below can name it.
  (table.node.defaultChild as CfnTable).overrideLogicalId('Store');
  new Topic(stack, 'Alarms');
  const fn = new LambdaFunction(stack, 'Consumer', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler = async () => {};'),
    timeout: Duration.seconds(FIXTURE.functionTimeoutSeconds),
    environment: {
      QUEUE_URL: queue.queueUrl,
      QUEUE_ARN: queue.queueArn,
      TABLE_NAME: table.tableName,
      JOINED: Fn.join('|', [queue.queueName, table.tableArn]),
      SUBBED: Fn.sub('${AWS::Region}/${Name}/${Store.Arn}', { Name: deadLetterQueue.queueName }),
    },
  });
  fn.addEventSource(
    new SqsEventSource(queue, {
      batchSize: FIXTURE.batchSize,
      maxBatchingWindow: Duration.seconds(FIXTURE.maxBatchingWindowSeconds),
      maxConcurrency: FIXTURE.maxConcurrency,
      reportBatchItemFailures: true,
    }),
  );
}
