/**
 * Issue 7, least privilege: each role of the app gets the actions its code (or the AWS service
 * behind it) calls, and no more. Each test reads every policy attached to the role in the template.
 */
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { STANDARD_ITERATOR_READ_ACTIONS } from '../../lib/clickstream/standard-iterator-read';
import { ClickstreamStack } from '../../lib/clickstream/clickstream-stack';
import { SESSION_TABLE_ACTIONS } from '../../lib/clickstream/clickstream-session-table';
import { KafkaStack } from '../../lib/kafka/kafka-stack';
import { KAFKA_PATTERN } from '../../runtime/kafka/kafka-names';
import { stackName } from '../../lib/common/stack-name';
import { IDEMPOTENCY_TABLE_ACTIONS } from '../../lib/email-worker/email-consumer-resources';
import type { EmailFargateConsumer } from '../../lib/email-worker/email-fargate-consumer';
import type { EmailLambdaConsumer } from '../../lib/email-worker/email-lambda-consumer';
import { Template } from 'aws-cdk-lib/assertions';
import { newTestApp, SAMPLE_EMAIL_FROM, synthesizeEmailWorker } from './helpers/email-worker-app';
import { type PolicyStatement, policyStatements, type SynthesizedEmailWorker } from './helpers/email-worker-shared-assertions';
import { EMAIL_CONSUMER_MODES } from '../../runtime/email-worker/email-worker-choices';

/** The DynamoDB statements granted to `role`, each resource as a list (CDK writes one or a list). */
function dynamoDbStatements(template: Template, stack: { resolve(value: unknown): unknown }, role: IRole | undefined): PolicyStatement[] {
  if (role === undefined) throw new Error('the construct has no role');
  return policyStatements(template, stack.resolve(role.roleName))
    .filter((statement) => JSON.stringify(statement.Action).includes('dynamodb:'))
    .map((statement) => ({ ...statement, Resource: [statement.Resource].flat() }));
}

/** The actions of every statement granted to `role` whose actions start with `service:`, sorted. */
function actionsOf(template: Template, stack: { resolve(value: unknown): unknown }, role: IRole | undefined, service: string): string[] {
  if (role === undefined) throw new Error('the construct has no role');
  const actions = policyStatements(template, stack.resolve(role.roleName))
    .flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]))
    .filter((action) => action.startsWith(`${service}:`));
  return [...new Set(actions)].sort();
}

describe('clickstream roles', () => {
  let stack: ClickstreamStack;
  let template: Template;
  beforeAll(() => {
    stack = new ClickstreamStack(newTestApp(), stackName('Clickstream', 'test'));
    template = Template.fromStack(stack);
  });

  it('lets the processor read the stream with a standard iterator only (no enhanced fan-out actions)', () => {
    const actions = actionsOf(template, stack, stack.clickstream.processor.function.role, 'kinesis');

    expect(actions).toEqual([...STANDARD_ITERATOR_READ_ACTIONS].sort());
    expect(actions).not.toContain('kinesis:SubscribeToShard');
  });

  it("lets the processor only get and put items in its session table (the session store's two calls)", () => {
    const { processor } = stack.clickstream;

    expect(dynamoDbStatements(template, stack, processor.function.role)).toEqual([expect.objectContaining({
      Action: [...SESSION_TABLE_ACTIONS].sort(),
      Resource: [stack.resolve(processor.sessionTable.table.tableArn)],
    })]);
  });

  it("lets Firehose's source role read the stream with a standard iterator only", () => {
    const sourceRole = stack.clickstream.archive.deliveryStream.grantPrincipal as IRole;

    expect(actionsOf(template, stack, sourceRole, 'kinesis')).toEqual([...STANDARD_ITERATOR_READ_ACTIONS].sort());
  });

  it('lets the Firehose delivery role put, read back, list and abort uploads in the archive bucket, never delete', () => {
    const bucketArn = stack.resolve(stack.clickstream.archive.bucket.bucketArn);
    const statements = policyStatements(template, stack.resolve(stack.clickstream.archive.deliveryRole.roleName))
      .filter((statement) => JSON.stringify(statement.Action).includes('s3:'));

    // Bucket-level actions on the bucket, object-level ones on its keys (CDK sorts each list).
    expect(statements).toEqual([
      expect.objectContaining({ Action: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], Resource: bucketArn }),
      expect.objectContaining({ Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'], Resource: { 'Fn::Join': ['', [bucketArn, '/*']] } }),
    ]);
    expect(actionsOf(template, stack, stack.clickstream.archive.deliveryRole, 's3')).toEqual([
      's3:AbortMultipartUpload', 's3:GetBucketLocation', 's3:GetObject', 's3:ListBucket', 's3:ListBucketMultipartUploads', 's3:PutObject',
    ]);
  });

  it('lets the delivery role write its log group, and starts the delivery stream only after its grants exist', () => {
    expect(actionsOf(template, stack, stack.clickstream.archive.deliveryRole, 'logs')).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    const [deliveryStream] = Object.values(template.findResources('AWS::KinesisFirehose::DeliveryStream')) as { DependsOn: string[] }[];
    const deliveryPolicy = stack.clickstream.archive.deliveryRole.node.tryFindChild('DefaultPolicy')?.node.defaultChild;

    expect(deliveryPolicy).toBeDefined();
    expect(deliveryStream.DependsOn).toContain(stack.getLogicalId(deliveryPolicy as never));
  });
});

describe('Kafka sessionizer role', () => {
  it('only gets and puts items in its session table, like the Kinesis processor', () => {
    const stack = new KafkaStack(newTestApp(), stackName(KAFKA_PATTERN, 'test'));
    const { sessionizer } = stack.clickstream;

    expect(dynamoDbStatements(Template.fromStack(stack), stack, sessionizer.function.role)).toEqual([expect.objectContaining({
      Action: [...SESSION_TABLE_ACTIONS].sort(),
      Resource: [stack.resolve(sessionizer.sessionTable.tableArn)],
    })]);
  });
});

describe.each(EMAIL_CONSUMER_MODES)('email consumer role (%s)', (consumers) => {
  let synthesized: SynthesizedEmailWorker;
  beforeAll(() => {
    synthesized = synthesizeEmailWorker({ consumers, emailFrom: SAMPLE_EMAIL_FROM });
  });
  const consumerRole = (): IRole | undefined => (consumers === 'lambda'
    ? (synthesized.stack.worker.consumer as EmailLambdaConsumer).function.role
    : (synthesized.stack.worker.consumer as EmailFargateConsumer).service.taskDefinition.taskRole);

  it("gets only the DynamoDB calls of Powertools idempotency's persistence layer, on the idempotency table", () => {
    const statements = policyStatements(synthesized.template, synthesized.stack.resolve(consumerRole()?.roleName))
      .filter((statement) => JSON.stringify(statement.Action).includes('dynamodb:'));

    expect(statements).toEqual([expect.objectContaining({
      Action: [...IDEMPOTENCY_TABLE_ACTIONS].sort(), // CDK sorts a statement's actions
      Resource: synthesized.stack.resolve(synthesized.stack.worker.idempotency.table.tableArn),
    })]);
  });

  it('gets only the SES send actions, nothing on "*"', () => {
    const actions = actionsOf(synthesized.template, synthesized.stack, consumerRole(), 'ses');

    expect(actions).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
  });
});
