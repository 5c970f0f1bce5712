/**
 * The idempotency store's contract on real DynamoDB semantics (dynalite): one email per jobId, a
 * redelivery replays the stored result, and a jobId reused for a different email is refused.
 */
import { IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { EmailJob } from '../../runtime/email-worker/email-job';
import { createIdempotentJobSender, fixedLease, IDEMPOTENCY_KEY_PREFIX, type IdempotentJobSender } from '../../runtime/email-worker/job';
import type { Mailer } from '../../runtime/email-worker/mailer';
import { classifyFailure } from '../../runtime/email-worker/message-disposition';
import { startDynamoDbEmulator } from '../../local/emulators/dynamodb-emulator';
import type { RunningEmulator } from '../../local/emulators/child-emulator';
import { emailJobs } from '../factories/email-job';
import { createEmailWorkerResources } from '../factories/email-infrastructure';
import { startSqsEmulator } from '../../local/emulators/sqs-emulator';
import { SQSClient } from '@aws-sdk/client-sqs';
import { emulatorDynamoDbClient, emulatorSqsClient } from '../../local/emulators/emulator-clients';

let dynamoDbEmulator: RunningEmulator;
let sqsEmulator: RunningEmulator;
let dynamoDb: DynamoDBClient;
let sqs: SQSClient;

beforeAll(async () => {
  [dynamoDbEmulator, sqsEmulator] = await Promise.all([startDynamoDbEmulator(), startSqsEmulator()]);
  dynamoDb = emulatorDynamoDbClient(dynamoDbEmulator.endpoint);
  sqs = emulatorSqsClient(sqsEmulator.endpoint);
});

afterAll(async () => {
  dynamoDb?.destroy();
  sqs?.destroy();
  await Promise.all([dynamoDbEmulator?.stop(), sqsEmulator?.stop()]);
});

async function senderWithLog(): Promise<{ sendOnce: IdempotentJobSender; sent: EmailJob[]; tableName: string }> {
  const { tableName } = await createEmailWorkerResources({ sqs, dynamoDb });
  const sent: EmailJob[] = [];
  const mailer: Mailer = { send: async (job) => void sent.push(job), close: () => undefined };
  const sendOnce = createIdempotentJobSender({
    mailer,
    ttlSeconds: 3600,
    persistenceStore: new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: dynamoDb }),
  });
  return { sendOnce, sent, tableName };
}

describe('idempotent sending (DynamoDB on dynalite)', () => {
  it('sends a redelivered job once and replays the stored result', async () => {
    // Prepare
    const { sendOnce, sent } = await senderWithLog();
    const [job] = emailJobs(1, 'replay') as [EmailJob];
    // Act
    const first = await sendOnce(job, fixedLease(5_000));
    const second = await sendOnce(job, fixedLease(5_000));
    // Assert
    expect(sent).toEqual([job]);
    expect(second).toEqual(first);
  });

  it('refuses a jobId reused for a different email, as a permanent failure', async () => {
    // Prepare
    const { sendOnce, sent } = await senderWithLog();
    const [job] = emailJobs(1, 'reused') as [EmailJob];
    await sendOnce(job, fixedLease(5_000));
    // Act
    const reused = sendOnce({ ...job, body: 'a different email' }, fixedLease(5_000));
    // Assert
    const error = await reused.then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(IdempotencyValidationError);
    expect(classifyFailure(error)).toBe('permanent');
    expect(sent).toEqual([job]);
  });

  it('keys records by a fixed prefix, the same whatever runtime sends (Lambda or Fargate)', async () => {
    // Prepare
    const { sendOnce, tableName } = await senderWithLog();
    const [job] = emailJobs(1, 'prefix') as [EmailJob];
    // Act
    await sendOnce(job, fixedLease(5_000));
    // Assert
    const { Items } = await dynamoDb.send(new ScanCommand({ TableName: tableName }));
    expect(Items?.map((item) => item['id']?.S?.split('#')[0])).toEqual([IDEMPOTENCY_KEY_PREFIX]);
  });
});
