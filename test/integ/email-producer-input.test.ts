import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { EmailJob } from '../../runtime/email-worker/email-job';
import { enqueueEmails } from '../../runtime/email-worker/enqueue-emails';
import { InvalidEmailJobsError } from '../../runtime/email-worker/errors';
import { provisionLocalEmailResources, type LocalEmailResources } from '../../local/email/local-email-resources';
import type { RunningEmulator } from '../../local/emulators/child-emulator';
import { startDynamoDbEmulator } from '../../local/emulators/dynamodb-emulator';
import { startSqsEmulator } from '../../local/emulators/sqs-emulator';
import { EMAIL_TEST_CONTEXT } from './helpers/email-test-context';
import { emulatorDynamoDbClient, emulatorSqsClient } from '../../local/emulators/emulator-clients';

function validJob(index: number): EmailJob {
  return { jobId: `producer-${index}`, to: `user-${index}@example.com`, subject: 'Hello', body: 'Hi' };
}

describe('enqueueEmails against the provisioned queue: bad producer input', () => {
  let sqsEmulator: RunningEmulator;
  let dynamoDbEmulator: RunningEmulator;
  let sqs: SQSClient;
  let dynamoDb: DynamoDBClient;
  let resources: LocalEmailResources;

  beforeAll(async () => {
    [sqsEmulator, dynamoDbEmulator] = await Promise.all([startSqsEmulator(), startDynamoDbEmulator()]);
    sqs = emulatorSqsClient(sqsEmulator.endpoint);
    dynamoDb = emulatorDynamoDbClient(dynamoDbEmulator.endpoint);
    resources = await provisionLocalEmailResources({ consumers: 'lambda', sqs, dynamoDb, context: EMAIL_TEST_CONTEXT });
  });

  /** Receives and deletes whatever the queue holds. */
  async function drain(queueUrl: string): Promise<void> {
    for (;;) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
      if (Messages.length === 0) return;
      await Promise.all(Messages.map((message) => sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }))));
    }
  }

  afterAll(async () => {
    sqs?.destroy();
    dynamoDb?.destroy();
    await Promise.all([sqsEmulator?.stop(), dynamoDbEmulator?.stop()]);
  });

  it('rejects a batch holding invalid jobs with an error naming each one, and sends nothing', async () => {
    const jobs = [validJob(0), { ...validJob(1), to: 'not-an-address' }, validJob(2), { ...validJob(3), subject: '' }];

    const act = enqueueEmails(jobs, { queueUrl: resources.queueUrl, sqs });

    await expect(act).rejects.toThrow(InvalidEmailJobsError);
    await expect(act).rejects.toMatchObject({
      rejected: [expect.objectContaining({ index: 1, jobId: 'producer-1' }), expect.objectContaining({ index: 3, jobId: 'producer-3' })],
    });
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: resources.queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    expect(Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: resources.queueUrl, WaitTimeSeconds: 0 }));
    expect(Messages ?? []).toEqual([]);
  });

  it('refuses a batch where one job holds U+FFFE, which SQS would refuse alone, and sends none of it', async () => {
    // Prepare: the emulator really refuses that entry alone (so a partial batch was possible)
    const direct = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: resources.queueUrl,
        Entries: [
          { Id: 'ok', MessageBody: JSON.stringify(validJob(20)) },
          { Id: 'bad', MessageBody: JSON.stringify({ ...validJob(21), body: 'a\uFFFEb' }) },
        ],
      }),
    );
    expect(direct.Failed?.map((failed) => failed.Id)).toEqual(['bad']);
    await drain(resources.queueUrl);
    const jobs = [validJob(22), { ...validJob(23), body: 'a\uFFFEb' }, validJob(24)];
    // Act
    const act = enqueueEmails(jobs, { queueUrl: resources.queueUrl, sqs });
    // Assert
    await expect(act).rejects.toMatchObject({ rejected: [{ index: 1, problems: ['body holds a character SQS refuses (U+FFFE at index 1)'] }] });
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: resources.queueUrl, WaitTimeSeconds: 0 }));
    expect(Messages ?? []).toEqual([]);
  });

  it('enqueues the same jobs once they are fixed (the check above could fail)', async () => {
    const jobs = [validJob(10), validJob(11)];

    const { enqueued, failures } = await enqueueEmails(jobs, { queueUrl: resources.queueUrl, sqs });

    expect({ enqueued, failures }).toEqual({ enqueued: 2, failures: [] });
  });
});
