/**
 * EmailWorkerStack's `producers` prop: with it, only the named principals (and the account root
 * user) may send to the jobs queue; without it, the queue policy is unchanged (TLS-only). From
 * context (`-c emailProducers=...`), with the signup fan-out's topic let through by its ARN.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ArnPrincipal, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { stackName } from '../../lib/common/stack-name';
import { EmailWorkerStack } from '../../lib/email-worker/email-worker-stack';
import { buildQueueOrStreamApp } from '../../lib/queue-or-stream-app';
import { buildEmailWorker, cdkJsonContext, newTestApp, SAMPLE_EMAIL_FROM, SKIP_BUNDLING, synthesizeEmailWorker } from './helpers/email-worker-app';
import { policyStatements } from './helpers/email-worker-shared-assertions';

/** The web app role's ARN as the email stack reads it from the web app's stack. */
const WEB_APP_ROLE_ARN = expect.objectContaining({
  'Fn::GetStackOutput': expect.objectContaining({ StackName: 'WebApp', OutputName: expect.stringMatching(/WebAppRole/) }),
});

/** Every statement of the jobs queue's resource policy. */
function jobsQueueStatements(stack: EmailWorkerStack): Record<string, unknown>[] {
  const queueUrl = JSON.stringify(stack.resolve(stack.worker.jobs.queue.queueUrl));
  const policies = Object.values(Template.fromStack(stack).findResources('AWS::SQS::QueuePolicy')) as {
    Properties: { Queues: unknown[]; PolicyDocument: { Statement: Record<string, unknown>[] } };
  }[];
  return policies
    .filter((policy) => JSON.stringify(policy.Properties.Queues) === `[${queueUrl}]`)
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

describe('EmailWorkerStack producers', () => {
  it('without producers keeps the TLS-only queue policy (any principal of the account allowed by IAM may send)', () => {
    const { stack } = synthesizeEmailWorker({ consumers: 'lambda', emailFrom: SAMPLE_EMAIL_FROM });
    const statements = jobsQueueStatements(stack);

    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
  });

  describe('with a producer role from another stack and an ARN principal', () => {
    let stack: EmailWorkerStack;
    let producerTemplate: Template;
    let webAppRole: Role;
    const partnerArn = 'arn:aws:iam::123456789012:role/partner-mailer';

    beforeAll(() => {
      const app = newTestApp();
      const webApp = new Stack(app, 'WebApp');
      webAppRole = new Role(webApp, 'WebAppRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
      stack = new EmailWorkerStack(app, stackName('EmailWorker', 'test'), {
        consumers: 'lambda',
        emailFrom: SAMPLE_EMAIL_FROM,
        producers: [webAppRole, new ArnPrincipal(partnerArn)],
      });
      producerTemplate = Template.fromStack(webApp);
    });

    it('denies sqs:SendMessage to every principal but the producers and the account root user', () => {
      const deny = jobsQueueStatements(stack).find((statement) => statement.Sid === 'DenySendToAllButProducers');

      expect(deny).toEqual(expect.objectContaining({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'sqs:SendMessage',
        Resource: JSON.parse(JSON.stringify(stack.resolve(stack.worker.jobs.queue.queueArn))),
      }));
      expect((deny?.Condition as Record<string, Record<string, unknown>>).ArnNotEquals['aws:PrincipalArn']).toEqual([
        WEB_APP_ROLE_ARN,
        partnerArn,
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] },
      ]);
    });

    it('denies nothing but SendMessage, so consumers still receive, delete and change visibility', () => {
      const denies = jobsQueueStatements(stack).filter((statement) => statement.Effect === 'Deny');

      expect(denies.map((statement) => statement.Action)).toEqual(expect.arrayContaining(['sqs:SendMessage']));
      for (const statement of denies.filter((candidate) => candidate.Sid === 'DenySendToAllButProducers')) {
        expect(statement.Action).toBe('sqs:SendMessage');
      }
    });

    it('allows the producers to send in the queue policy, so the producer stack never references this one (no cycle)', () => {
      expect(jobsQueueStatements(stack)).toContainEqual(expect.objectContaining({
        Sid: 'AllowProducersToSend',
        Effect: 'Allow',
        Principal: { AWS: expect.arrayContaining([WEB_APP_ROLE_ARN, partnerArn]) },
        Action: expect.arrayContaining(['sqs:SendMessage']),
      }));
      // The web app's stack only exports its role's ARN: no reference to the email stack, no grant.
      const producerStack = JSON.stringify(producerTemplate.toJSON());
      expect(producerStack).not.toMatch(/Fn::ImportValue|Fn::GetStackOutput|EmailWorker/);
      expect(policyStatements(producerTemplate)).toEqual([]);
    });
  });

  it('lets producers use a customer managed queue key through its key policy', () => {
    const app = newTestApp();
    const keyStack = new Stack(app, 'Keys');
    const key = new Key(keyStack, 'QueueKey');
    const producer = new ArnPrincipal('arn:aws:iam::123456789012:role/web-app');
    const stack = new EmailWorkerStack(app, stackName('EmailWorker', 'test'), { consumers: 'lambda', encryptionKey: key, producers: [producer] });
    Template.fromStack(stack); // synthesizes the app: fails on a dependency cycle

    expect(JSON.stringify(Template.fromStack(keyStack).toJSON())).toMatch(/"kms:Decrypt","kms:GenerateDataKey"\],"Effect":"Allow","Principal":\{"AWS":"arn:aws:iam::123456789012:role\/web-app"\}/);
  });

  it('rejects an empty producers list and a service principal, naming the prop', () => {
    expect(() => buildEmailWorker({ producers: [] })).toThrow(/^Invalid props of QueueOrStream-test-EmailWorker\/Default:\n {2}- producers must be at least one principal/);
    expect(() => buildEmailWorker({ producers: [new ServicePrincipal('events.amazonaws.com')] }))
      .toThrow(/\n {2}- producers must be IAM roles, users or ARN principals/);
  });
});

describe('producers from context (-c emailProducers=...)', () => {
  const producerArns = ['arn:aws:iam::123456789012:role/web-app', 'arn:aws:iam::123456789012:role/batch/mailer'];
  const emailStackFor = (context: Record<string, string>): EmailWorkerStack =>
    buildQueueOrStreamApp(new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING, ...context } }), {}).emailWorker;
  const conditionOf = (stack: EmailWorkerStack): Record<string, Record<string, unknown>> =>
    jobsQueueStatements(stack).find((statement) => statement.Sid === 'DenySendToAllButProducers')?.Condition as Record<string, Record<string, unknown>>;

  it('lets through the signup topic that delivers to the queue: Deny → aws:SourceArn → topic → subscription → this queue', () => {
    const stack = emailStackFor({ emailProducers: producerArns.join(',') });
    const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
    const { ArnNotEquals } = conditionOf(stack);

    expect(ArnNotEquals['aws:PrincipalArn']).toEqual(expect.arrayContaining(producerArns));
    const [sourceArn] = ArnNotEquals['aws:SourceArn'] as { Ref: string }[];
    expect(resources[sourceArn.Ref].Type).toBe('AWS::SNS::Topic');
    const subscriptions = Object.values(resources).filter((resource) => resource.Type === 'AWS::SNS::Subscription');
    expect(subscriptions).toContainEqual(expect.objectContaining({
      Properties: expect.objectContaining({ TopicArn: sourceArn, Endpoint: stack.resolve(stack.worker.jobs.queue.queueArn) }),
    }));
    // The same topic is the one SqsSubscription allows in, so the Deny and the Allow name one sender.
    expect(jobsQueueStatements(stack)).toContainEqual(expect.objectContaining({
      Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': sourceArn } },
    }));
  });

  it('exempts no source ARN when there is no fan-out (a FIFO queue)', () => {
    const stack = emailStackFor({ emailProducers: producerArns[0], emailQueue: 'fifo' });

    expect(conditionOf(stack)).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': [producerArns[0], expect.anything()] } });
  });

  it('leaves the queue open to IAM when the key is absent (the default)', () => {
    expect(conditionOf(emailStackFor({}))).toBeUndefined();
  });
});
