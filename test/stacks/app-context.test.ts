/**
 * The CDK app's context: parsing and validation (lib/common/app-context.ts), stack naming, and how
 * buildQueueOrStreamApp turns context into stacks checked by cdk-nag.
 */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { EMAIL_WORKER_ENV } from '../../runtime/email-worker/settings';
import { parseIntegerContext, readAppContext } from '../../lib/common/app-context';
import { InvalidContextError } from '../../lib/common/invalid-context-error';
import { stackName } from '../../lib/common/stack-name';
import { EMAIL_FROM_PARAMETER } from '../../lib/email-worker/email-sender-identity';
import { buildQueueOrStreamApp } from '../../lib/queue-or-stream-app';
import { cdkJsonContext, SKIP_BUNDLING } from './helpers/email-worker-app';

/** Context as `-c key=value` gives it: strings. */
const readContext = (context: Record<string, string>, processEnv: NodeJS.ProcessEnv = {}) =>
  readAppContext(new App({ context }).node, processEnv);

describe('readAppContext', () => {
  it('defaults to fargate consumers, no stage, no sender, environment-agnostic', () => {
    const context = readContext({});

    expect(context).toEqual({
      stage: undefined,
      account: undefined,
      region: undefined,
      email: {
        consumers: 'fargate', queue: 'standard', emailFrom: undefined, jobTimeoutSeconds: undefined, retryBaseDelaySeconds: undefined,
        maxReceiveCount: undefined, minTasks: undefined, maxTasks: undefined, maxConcurrency: undefined, producerArns: undefined,
      },
    });
  });

  it('parses every key given as a CLI string', () => {
    const context = readContext({
      stage: 'dev-2', account: '123456789012', region: 'eu-west-1', emailConsumers: 'lambda', emailQueue: 'fifo', emailFrom: 'a@example.org',
      emailJobTimeoutSeconds: '5', emailRetryBaseDelaySeconds: '0', emailMaxReceiveCount: '3',
      emailMinTasks: '1', emailMaxTasks: '8', emailMaxConcurrency: '20',
      emailProducers: 'arn:aws:iam::123456789012:role/web-app, arn:aws-cn:iam::123456789012:user/ops/mailer',
    });

    expect(context).toEqual({
      stage: 'dev-2',
      account: '123456789012',
      region: 'eu-west-1',
      email: {
        consumers: 'lambda', queue: 'fifo', emailFrom: 'a@example.org', jobTimeoutSeconds: 5, retryBaseDelaySeconds: 0,
        maxReceiveCount: 3, minTasks: 1, maxTasks: 8, maxConcurrency: 20,
        producerArns: ['arn:aws:iam::123456789012:role/web-app', 'arn:aws-cn:iam::123456789012:user/ops/mailer'],
      },
    });
  });

  it('takes account and region from CDK_DEFAULT_* when context has none', () => {
    const context = readContext({}, { CDK_DEFAULT_ACCOUNT: '210987654321', CDK_DEFAULT_REGION: 'ap-south-1' });

    expect([context.account, context.region]).toEqual(['210987654321', 'ap-south-1']);
  });

  it('treats an empty value as absent', () => {
    expect(readContext({ emailFrom: '', stage: '' })).toMatchObject({ stage: undefined, email: { emailFrom: undefined } });
  });

  it('accepts numbers from new App({ context })', () => {
    expect(parseIntegerContext('emailMaxTasks', 7)).toBe(7);
  });

  it('accepts the producers as a list from new App({ context })', () => {
    const arns = ['arn:aws:iam::123456789012:role/web-app', 'arn:aws:iam::123456789012:role/path/batch'];

    expect(readAppContext(new App({ context: { emailProducers: arns } }).node, {}).email.producerArns).toEqual(arns);
  });

  it.each<[string, string, string]>([
    ['emailConsumers', 'ecs', 'Invalid context emailConsumers="ecs": expected fargate|lambda (e.g. -c emailConsumers=...)'],
    ['emailQueue', 'sqs-fifo', 'Invalid context emailQueue="sqs-fifo": expected standard|fifo (e.g. -c emailQueue=...)'],
    ['stage', 'bad_stage', 'Invalid context stage="bad_stage": expected up to 20 letters, digits or hyphens, starting with a letter'],
    ['emailFrom', 'not-an-address', 'Invalid context emailFrom="not-an-address": expected an email address whose address or domain is a verified SES identity'],
    ['emailJobTimeoutSeconds', '30s', 'Invalid context emailJobTimeoutSeconds="30s": expected a non-negative integer'],
    ['emailMaxConcurrency', '-3', 'Invalid context emailMaxConcurrency="-3": expected a non-negative integer'],
    ['account', '1234', 'Invalid context account="1234": expected a 12-digit AWS account id'],
    ['region', 'mars', 'Invalid context region="mars": expected an AWS region code such as eu-west-1'],
    ['emailProducers', 'arn:aws:iam::123456789012:role/ok,web-app',
      'Invalid context emailProducers="arn:aws:iam::123456789012:role/ok,web-app": expected IAM role or user ARNs separated by commas'],
    ['emailProducers', 'arn:aws:sns:eu-west-1:123456789012:topic', 'expected IAM role or user ARNs separated by commas'],
  ])('rejects %s=%s with a message naming the key and what it accepts', (key, value, message) => {
    let thrown: unknown;
    try {
      readContext({ [key]: value });
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(InvalidContextError);
    expect((thrown as InvalidContextError).message).toContain(message);
    expect(thrown).toMatchObject({ key, value });
  });
});

describe('stackName', () => {
  it('prefixes the pattern, with the stage when there is one', () => {
    expect([stackName('EmailWorker'), stackName('EmailWorker', 'blue')]).toEqual(['QueueOrStream-EmailWorker', 'QueueOrStream-blue-EmailWorker']);
  });
});

describe('buildQueueOrStreamApp', () => {
  const build = (context: Record<string, string>) =>
    buildQueueOrStreamApp(new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING, ...context } }), {});

  it('names stacks per stage and feeds the email context into the stack', () => {
    const { emailWorker } = build({
      stage: 'ci', emailConsumers: 'lambda', emailFrom: 'noreply@example.net', emailJobTimeoutSeconds: '5', emailRetryBaseDelaySeconds: '1',
    });
    const template = Template.fromStack(emailWorker);

    expect(emailWorker.stackName).toBe('QueueOrStream-ci-EmailWorker');
    template.hasParameter(EMAIL_FROM_PARAMETER, { Default: 'noreply@example.net' });
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: Match.anyValue(), VisibilityTimeout: 90 });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ [EMAIL_WORKER_ENV.retryBaseDelaySeconds]: '1', [EMAIL_WORKER_ENV.jobTimeoutSeconds]: '5' }) },
    });
  });

  it('synthesizes with no context at all: environment-agnostic, empty sender, and no cdk-nag finding', () => {
    const app = new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING } });
    const { emailWorker } = buildQueueOrStreamApp(app, {});

    // The cdk-nag validation plugin runs during synth and throws on any unacknowledged finding.
    const assembly = app.synth();

    expect(emailWorker.stackName).toBe('QueueOrStream-EmailWorker');
    expect(assembly.getStackByName(emailWorker.stackName).environment).toMatchObject({ account: 'unknown-account', region: 'unknown-region' });
    Template.fromStack(emailWorker).hasParameter(EMAIL_FROM_PARAMETER, { Default: '' });
  });
});
