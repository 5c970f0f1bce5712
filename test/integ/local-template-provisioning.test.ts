import { DynamoDBClient, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { TableProvisioner } from '../../local/provisioning/table-provisioner';
import { startDynamoDbEmulator } from '../../local/emulators/dynamodb-emulator';
import { startSqsEmulator } from '../../local/emulators/sqs-emulator';
import type { RunningEmulator } from '../../local/emulators/child-emulator';
import { QueueProvisioner } from '../../local/provisioning/queue-provisioner';
import { resourcesOfType } from '../../local/provisioning/cfn-template';
import { eventSourceMappings, lambdaFunctions } from '../../local/provisioning/compute-resources';
import { newRunPrefix } from '../../local/provisioning/physical-names';
import { provisionTemplate, type ProvisionedTemplate } from '../../local/provisioning/provision-template';
import { synthesizeTemplates, templateOf } from '../../local/provisioning/synthesize-templates';
import { unemulatedResourceTypes } from '../../local/provisioning/unemulated-resources';
import { buildTemplateFixtureApp, FIXTURE, FIXTURE_STACK_NAME } from './helpers/template-fixture-app';
import { emulatorDynamoDbClient, emulatorSqsClient } from '../../local/emulators/emulator-clients';

describe('provisioning from a synthesized template', () => {
  const template = templateOf(synthesizeTemplates({ buildApp: buildTemplateFixtureApp }), FIXTURE_STACK_NAME);
  const [jobsQueue, deadLetterQueue] = ['Jobs', 'DeadLetters'].map(
    (prefix) => resourcesOfType(template, 'AWS::SQS::Queue').find(({ logicalId }) => logicalId.startsWith(prefix))?.logicalId ?? '',
  );
  let sqsEmulator: RunningEmulator;
  let dynamoDbEmulator: RunningEmulator;
  let sqs: SQSClient;
  let dynamoDb: DynamoDBClient;
  let provisioned: ProvisionedTemplate;

  beforeAll(async () => {
    [sqsEmulator, dynamoDbEmulator] = await Promise.all([startSqsEmulator(), startDynamoDbEmulator()]);
    sqs = emulatorSqsClient(sqsEmulator.endpoint);
    dynamoDb = emulatorDynamoDbClient(dynamoDbEmulator.endpoint);
    const namePrefix = newRunPrefix();
    provisioned = await provisionTemplate(template, [new QueueProvisioner({ sqs, namePrefix }), new TableProvisioner({ dynamoDb, namePrefix })]);
  });

  afterAll(async () => {
    sqs?.destroy();
    dynamoDb?.destroy();
    await Promise.all([sqsEmulator?.stop(), dynamoDbEmulator?.stop()]);
  });

  function physical(logicalId: string) {
    const resource = provisioned.scope.resources.get(logicalId);
    if (resource === undefined) throw new Error(`${logicalId} was not provisioned`);
    return resource;
  }

  it('creates the queue with the declared attributes and a redrive policy naming the local DLQ', async () => {
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: physical(jobsQueue).ref, AttributeNames: ['All'] }));

    expect(Attributes?.['VisibilityTimeout']).toBe(String(FIXTURE.visibilityTimeoutSeconds));
    expect(Attributes?.['ReceiveMessageWaitTimeSeconds']).toBe('20');
    expect(JSON.parse(Attributes?.['RedrivePolicy'] ?? '{}')).toEqual({
      deadLetterTargetArn: physical(deadLetterQueue).attributes['Arn'],
      maxReceiveCount: FIXTURE.maxReceiveCount,
    });
  });

  it('creates the DLQ with its retention and redrive-allow policy', async () => {
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: physical(deadLetterQueue).ref, AttributeNames: ['All'] }));

    expect(Attributes?.['MessageRetentionPeriod']).toBe(String(FIXTURE.deadLetterRetentionSeconds));
    expect(JSON.parse(Attributes?.['RedriveAllowPolicy'] ?? '{}')).toEqual({ redrivePermission: 'denyAll' });
  });

  it('creates the table with its key schema and reports that TTL is not emulated', async () => {
    const { Table } = await dynamoDb.send(new DescribeTableCommand({ TableName: physical('Store').ref }));

    expect(Table?.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(provisioned.notes).toContain(`Store: TTL on '${FIXTURE.ttlAttribute}' not emulated (items never expire locally)`);
  });

  it("resolves the function's environment against the local resources", () => {
    const [fn] = lambdaFunctions(template, provisioned.scope);
    const queue = physical(jobsQueue);
    const table = physical('Store');

    expect(fn?.timeoutSeconds).toBe(FIXTURE.functionTimeoutSeconds);
    expect(fn?.environment).toEqual({
      QUEUE_URL: queue.ref,
      QUEUE_ARN: queue.attributes['Arn'],
      TABLE_NAME: table.ref,
      JOINED: `${queue.attributes['QueueName']}|${table.attributes['Arn']}`,
      SUBBED: `us-east-1/${physical(deadLetterQueue).attributes['QueueName']}/${table.attributes['Arn']}`,
    });
  });

  it('reads the event-source mapping settings the stack declares', () => {
    const [mapping] = eventSourceMappings(template, provisioned.scope);
    const [fn] = lambdaFunctions(template, provisioned.scope);

    expect(mapping?.functionLogicalId).toBe(fn?.logicalId);
    expect(mapping?.eventSourceArn).toBe(physical(jobsQueue).attributes['Arn']);
    expect(mapping?.properties).toMatchObject({
      BatchSize: FIXTURE.batchSize,
      MaximumBatchingWindowInSeconds: FIXTURE.maxBatchingWindowSeconds,
      ScalingConfig: { MaximumConcurrency: FIXTURE.maxConcurrency },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('lists the resource types it did not create', () => {
    const types = unemulatedResourceTypes(template, { emulatedTypes: provisioned.emulatedTypes }).map(({ type }) => type);

    expect(types).toEqual(expect.arrayContaining(['AWS::SNS::Topic', 'AWS::Lambda::Function', 'AWS::IAM::Role']));
    expect(types).not.toEqual(expect.arrayContaining(['AWS::SQS::Queue']));
    expect(types).not.toEqual(expect.arrayContaining(['AWS::DynamoDB::Table']));
  });
});
