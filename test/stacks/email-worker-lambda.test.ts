/**
 * EmailWorkerStack in `lambda` mode: snapshot, the Lambda consumer's properties, the shared
 * resources and cdk-nag. Bundling is skipped here; email-worker-bundling.test.ts really bundles.
 */
import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { EmailLambdaConsumer } from '../../lib/email-worker/email-lambda-consumer';
import { SAMPLE_EMAIL_FROM, synthesizeEmailWorker } from './helpers/email-worker-app';
import { describeSharedEmailWorkerResources, expectedDefaultEnvironment, policyStatements, type SynthesizedEmailWorker } from './helpers/email-worker-shared-assertions';

let defaults: SynthesizedEmailWorker;
let tuned: SynthesizedEmailWorker;

beforeAll(() => {
  defaults = synthesizeEmailWorker({ consumers: 'lambda', emailFrom: SAMPLE_EMAIL_FROM });
  tuned = synthesizeEmailWorker({
    consumers: 'lambda',
    jobTimeout: Duration.seconds(5),
    lambdaConsumer: { batchSize: 50, maxBatchingWindow: Duration.seconds(2), maxConcurrency: 20 },
  });
});

const resolve = (value: unknown): unknown => defaults.stack.resolve(value);
const lambdaConsumer = (synthesized: SynthesizedEmailWorker): EmailLambdaConsumer => synthesized.stack.worker.consumer as EmailLambdaConsumer;

describe('EmailWorkerStack (lambda)', () => {
  it('matches the snapshot', () => {
    expect(defaults.template.toJSON()).toMatchSnapshot();
  });

  it('has no ECS resources', () => {
    defaults.template.resourceCountIs('AWS::ECS::Service', 0);
    defaults.template.resourceCountIs('AWS::EC2::VPC', 0);
  });

  describeSharedEmailWorkerResources(() => defaults);

  it('derives the visibility timeout as 6 × the function timeout (job timeout + 10 s)', () => {
    defaults.template.hasResourceProperties('AWS::Lambda::Function', { Timeout: 40 });
    defaults.template.hasResourceProperties('AWS::SQS::Queue', { QueueName: Match.anyValue(), VisibilityTimeout: 240 });
    tuned.template.hasResourceProperties('AWS::Lambda::Function', { Timeout: 15 });
    tuned.template.hasResourceProperties('AWS::SQS::Queue', { QueueName: Match.anyValue(), VisibilityTimeout: 90 });
  });

  it('runs the handler on Node 24, ARM64, with its own log group', () => {
    defaults.template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      LoggingConfig: { LogGroup: resolve(lambdaConsumer(defaults).function.logGroup.logGroupName) },
    });
  });

  it('reads the queue in batches of 10 with partial batch responses and at most 5 concurrent invocations', () => {
    defaults.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: resolve(defaults.stack.worker.jobs.queue.queueArn),
      FunctionName: resolve(lambdaConsumer(defaults).function.functionName),
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: Match.absent(),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  it('passes tuned event source settings through', () => {
    tuned.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 50,
      MaximumBatchingWindowInSeconds: 2,
      ScalingConfig: { MaximumConcurrency: 20 },
    });
  });

  it('gives the handler every setting of settings.ts from the stack\'s own resources', () => {
    defaults.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { ...expectedDefaultEnvironment(defaults.stack, 240), NODE_OPTIONS: '--enable-source-maps' } },
    });
  });

  it('lets the function consume and change visibility, send to the DLQ, use the table and write only its own logs', () => {
    const consumer = lambdaConsumer(defaults);
    const jobs = defaults.stack.worker.jobs;
    const statements = policyStatements(defaults.template, resolve(consumer.function.role?.roleName));

    expect(statements).toContainEqual(expect.objectContaining({
      Action: expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:DeleteMessage']),
      Resource: resolve(jobs.queue.queueArn),
    }));
    expect(statements).toContainEqual(expect.objectContaining({ Action: expect.arrayContaining(['sqs:SendMessage']), Resource: resolve(jobs.deadLetterQueue.queueArn) }));
    expect(statements).toContainEqual(expect.objectContaining({
      Action: expect.arrayContaining(['logs:CreateLogStream', 'logs:PutLogEvents']),
      Resource: resolve(consumer.function.logGroup.logGroupArn),
    }));
    defaults.template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })] },
      ManagedPolicyArns: Match.absent(),
    });
  });

  it('outputs the function name as the consumer name', () => {
    defaults.template.hasOutput('ConsumerName', { Value: resolve(lambdaConsumer(defaults).function.functionName) });
  });
});
