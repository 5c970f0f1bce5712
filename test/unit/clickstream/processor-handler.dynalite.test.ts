/**
 * The processor handler against dynalite: real DynamoDB semantics for the conditional write that
 * makes redelivery idempotent.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { padSequenceNumber } from '../../../runtime/clickstream/processor-lambda/sequence-number';
import { DynamoDbSessionStore, SessionWriteConflictError } from '../../../runtime/clickstream/processor-lambda/session-store';
import { startDynamoDbEmulator } from '../../../local/emulators/dynamodb-emulator';
import { emulatorDynamoDbClient, emulatorEnvironment } from '../../../local/emulators/emulator-clients';
import type { RunningEmulator } from '../../../local/emulators/child-emulator';
import { aClick, aPageView } from '../../factories/clickstream-events';
import { capturePowertoolsOutput, type PowertoolsOutput } from '../../factories/clickstream-emf-capture';
import { kinesisEventOf } from '../../factories/clickstream-kinesis-event';
import { aLambdaContext } from '../../factories/clickstream-lambda-context';
import { waitForActiveTable } from '../../../local/provisioning/wait-for-active-table';

const TABLE = 'clickstream-sessions';

describe('clickstream processor handler on DynamoDB (dynalite)', () => {
  let dynamo: RunningEmulator;
  let documentClient: DynamoDBDocumentClient;
  let output: PowertoolsOutput;
  let handler: (event: KinesisStreamEvent, context: Context) => Promise<KinesisStreamBatchResponse>;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    dynamo = await startDynamoDbEmulator();
    const client = emulatorDynamoDbClient(dynamo.endpoint);
    documentClient = DynamoDBDocumentClient.from(client);
    await client.send(
      new CreateTableCommand({
        TableName: TABLE,
        KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'userId', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await waitForActiveTable(client, TABLE);
    Object.assign(process.env, {
      ...emulatorEnvironment({ dynamoDb: dynamo.endpoint }),
      SESSION_TABLE_NAME: TABLE,
      SESSION_TIMEOUT_SECONDS: '1800',
      POWERTOOLS_METRICS_NAMESPACE: 'QueueOrStream/Clickstream',
    });
    output = capturePowertoolsOutput();
    ({ handler } = await import('../../../runtime/clickstream/processor-lambda/handler'));
  });

  afterAll(async () => {
    output.restore();
    process.env = savedEnv;
    await dynamo.stop();
  });

  async function pageCounts(): Promise<Record<string, number>> {
    const { Items = [] } = await documentClient.send(new ScanCommand({ TableName: TABLE }));
    return Object.fromEntries(Items.map((item) => [String(item.userId), Number(item.pageCount)]));
  }

  it('applies a batch once: a redelivered batch leaves page counts unchanged', async () => {
    // Prepare
    const event = kinesisEventOf([
      aPageView({ userId: 'ana', timestamp: '2026-11-21T10:00:00Z' }),
      aPageView({ userId: 'bo', timestamp: '2026-11-21T10:00:01Z' }),
      aClick({ userId: 'ana', timestamp: '2026-11-21T10:00:02Z' }),
      aPageView({ userId: 'ana', timestamp: '2026-11-21T10:00:03Z' }),
    ]);
    const first = await handler(event, aLambdaContext());
    const afterFirst = await pageCounts();

    // Act
    const redelivery = await handler(event, aLambdaContext());

    // Assert
    expect(first.batchItemFailures).toEqual([]);
    expect(redelivery.batchItemFailures).toEqual([]);
    expect(afterFirst).toEqual({ ana: 2, bo: 1 });
    expect(await pageCounts()).toEqual(afterFirst);
  });

  it('refuses a write computed from stale state (the condition DynamoDB enforces)', async () => {
    // Prepare
    const store = new DynamoDbSessionStore({ tableName: TABLE, client: documentClient });
    const stale = {
      userId: 'cy',
      sessionId: 'evt-cy',
      sessionStartedAt: '2026-11-21T10:00:00Z',
      pageCount: 1,
      lastSeenAt: '2026-11-21T10:00:00Z',
      lastSequenceNumber: padSequenceNumber('1'),
    };
    await store.save(stale, undefined);
    await store.save({ ...stale, pageCount: stale.pageCount + 1, lastSequenceNumber: padSequenceNumber('99999999999999999999999999999999999999999999999999999999') }, stale);

    // Act
    const staleWrite = store.save({ ...stale, pageCount: 100, lastSequenceNumber: padSequenceNumber('99999999999999999999999999999999999999999999999999999998') }, stale);

    // Assert
    await expect(staleWrite).rejects.toThrow(SessionWriteConflictError);
    expect((await pageCounts()).cy).toBe(2);
  });
});
