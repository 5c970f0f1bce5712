/**
 * The Fargate poller and the producer against the embedded emulators: fauxqs (SQS), dynalite
 * (idempotency table) and the SMTP sink. Sizes stay small; the 2,000-job runs live in local/.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { IdempotencyAlreadyInProgressError } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { enqueueEmails } from '../../runtime/email-worker/enqueue-emails';
import type { EmailJob } from '../../runtime/email-worker/email-job';
import { startFargateWorker, type FargateWorker } from '../../runtime/email-worker/fargate-worker';
import { createIdempotentJobSender, fixedLease } from '../../runtime/email-worker/job';
import { createMailer } from '../../runtime/email-worker/create-mailer';
import type { Mailer } from '../../runtime/email-worker/mailer';
import { DEAD_LETTER_ATTRIBUTES } from '../../runtime/email-worker/message-disposition';
import { startDynamoDbEmulator } from '../../local/emulators/dynamodb-emulator';
import { startSmtpSink, type SmtpSink } from '../../local/emulators/smtp-sink';
import { startSqsEmulator } from '../../local/emulators/sqs-emulator';
import type { RunningEmulator } from '../../local/emulators/child-emulator';
import { emailJobs } from '../factories/email-job';
import {
  createEmailWorkerResources,
  emailWorkerSettingsFor,
  eventually,
  receiveAll,
  recordSqsCalls,
} from '../factories/email-infrastructure';
import { emulatorDynamoDbClient, emulatorSqsClient } from '../../local/emulators/emulator-clients';

// EMF lines are Powertools' concern; keep the test output readable.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

let sqsEmulator: RunningEmulator;
let dynamoDbEmulator: RunningEmulator;
let smtpSink: SmtpSink;
let sqs: SQSClient;
let dynamoDb: DynamoDBClient;
const runningWorkers: FargateWorker[] = [];
const quietLogger = new Logger({ logLevel: 'SILENT' });

beforeAll(async () => {
  [sqsEmulator, dynamoDbEmulator, smtpSink] = await Promise.all([startSqsEmulator(), startDynamoDbEmulator(), startSmtpSink()]);
  sqs = emulatorSqsClient(sqsEmulator.endpoint);
  dynamoDb = emulatorDynamoDbClient(dynamoDbEmulator.endpoint);
});

afterEach(async () => {
  await Promise.all(runningWorkers.splice(0).map((worker) => worker.stop()));
});

afterAll(async () => {
  sqs?.destroy();
  dynamoDb?.destroy();
  await Promise.all([sqsEmulator?.stop(), dynamoDbEmulator?.stop(), smtpSink?.stop()]);
});

/** A worker client of its own, so a test can count exactly the worker's SQS calls. */
function workerSqsClient(): SQSClient {
  return emulatorSqsClient(sqsEmulator.endpoint);
}

function mailFor(prefix: string): string[] {
  return smtpSink.messages.flatMap((mail) => (mail.jobId?.startsWith(`${prefix}-`) ? [mail.jobId] : []));
}

async function messagesLeft(queueUrl: string): Promise<number> {
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(attributes.Attributes?.ApproximateNumberOfMessages) +
    Number(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible)
  );
}

describe('SqsPoller (Fargate worker) against fauxqs + dynalite + SMTP sink', () => {
  it('delivers every job exactly once and deletes in batches of up to 10', async () => {
    // Prepare
    const resources = await createEmailWorkerResources({ sqs, dynamoDb });
    const jobs = emailJobs(60, 'once');
    await enqueueEmails(jobs, { queueUrl: resources.queueUrl, sqs });
    const workerSqs = workerSqsClient();
    const calls = recordSqsCalls(workerSqs);
    // Act
    const worker = startFargateWorker(emailWorkerSettingsFor(resources, smtpSink.url), { sqs: workerSqs, dynamoDb, logger: quietLogger });
    runningWorkers.push(worker);
    await eventually(() => worker.poller.stats().deleted === jobs.length);
    await worker.stop();
    // Assert
    expect(mailFor('once').sort()).toEqual(jobs.map((job) => job.jobId).sort());
    expect(await messagesLeft(resources.queueUrl)).toBe(0);
    const deleteCalls = calls.filter((call) => call.name === 'DeleteMessageBatchCommand');
    const deleteSizes = deleteCalls.map((call) => (call.input.Entries as unknown[]).length);
    expect(calls.filter((call) => call.name === 'DeleteMessageCommand')).toEqual([]);
    expect(deleteSizes.reduce((sum, size) => sum + size, 0)).toBe(jobs.length);
    expect(Math.max(...deleteSizes)).toBeLessThanOrEqual(10);
    // Batching: on average at least two deletes per call (one per message would be 60 calls).
    expect(deleteCalls.length).toBeLessThanOrEqual(jobs.length / 2);
  });

  it('moves a malformed message to the DLQ at once, with its reason, while its neighbours are delivered', async () => {
    // Prepare
    const resources = await createEmailWorkerResources({ sqs, dynamoDb });
    const jobs = emailJobs(8, 'neighbour');
    await enqueueEmails(jobs.slice(0, 4), { queueUrl: resources.queueUrl, sqs });
    const malformed = await sqs.send(new SendMessageCommand({ QueueUrl: resources.queueUrl, MessageBody: '{"jobId":"broken"' }));
    const missingFields = await sqs.send(
      new SendMessageCommand({ QueueUrl: resources.queueUrl, MessageBody: JSON.stringify({ jobId: 'no-address' }) }),
    );
    await enqueueEmails(jobs.slice(4), { queueUrl: resources.queueUrl, sqs });
    // Act
    const worker = startFargateWorker(emailWorkerSettingsFor(resources, smtpSink.url), { sqs: workerSqsClient(), dynamoDb, logger: quietLogger });
    runningWorkers.push(worker);
    await eventually(() => worker.poller.stats().deleted === jobs.length + 2);
    await worker.stop();
    const deadLettered = await receiveAll(sqs, resources.deadLetterQueueUrl, 2);
    // Assert
    expect(mailFor('neighbour').sort()).toEqual(jobs.map((job) => job.jobId).sort());
    const reasons = Object.fromEntries(
      deadLettered.map((message) => [
        message.MessageAttributes?.[DEAD_LETTER_ATTRIBUTES.sourceMessageId]?.StringValue,
        message.MessageAttributes?.[DEAD_LETTER_ATTRIBUTES.reason]?.StringValue,
      ]),
    );
    expect(reasons).toEqual({
      [malformed.MessageId ?? '']: expect.stringMatching(/^malformed JSON/),
      [missingFields.MessageId ?? '']: 'to is missing; subject is missing; body is missing',
    });
    expect(await messagesLeft(resources.queueUrl)).toBe(0);
  });

  it('sends one email for a job delivered twice', async () => {
    // Prepare
    const resources = await createEmailWorkerResources({ sqs, dynamoDb });
    const [job] = emailJobs(1, 'twice') as [EmailJob];
    for (let copy = 0; copy < 2; copy++) {
      await sqs.send(new SendMessageCommand({ QueueUrl: resources.queueUrl, MessageBody: JSON.stringify(job) }));
    }
    // Act
    const worker = startFargateWorker(emailWorkerSettingsFor(resources, smtpSink.url, { workerConcurrency: 1 }), {
      sqs: workerSqsClient(),
      dynamoDb,
      logger: quietLogger,
    });
    runningWorkers.push(worker);
    await eventually(() => worker.poller.stats().deleted === 2);
    await worker.stop();
    // Assert
    expect(mailFor('twice')).toEqual([job.jobId]);
    expect(worker.poller.stats()).toMatchObject({ succeeded: 2, failed: 0 });
  });

  it('on stop(), finishes in-flight jobs and releases the unstarted ones for immediate redelivery', async () => {
    // Prepare: two slow jobs run, the rest wait in the worker's buffer
    const resources = await createEmailWorkerResources({ sqs, dynamoDb });
    const jobs = emailJobs(12, 'drain');
    await enqueueEmails(jobs, { queueUrl: resources.queueUrl, sqs });
    const smtp = createMailer({ from: 'noreply@example.com', smtpUrl: smtpSink.url });
    let started = 0;
    let finishJobs: () => void = () => undefined;
    const jobsMayFinish = new Promise<void>((resolve) => (finishJobs = resolve));
    const slowMailer: Mailer = {
      async send(job) {
        started += 1;
        await jobsMayFinish;
        await smtp.send(job);
      },
      close: () => smtp.close(),
    };
    const worker = startFargateWorker(emailWorkerSettingsFor(resources, smtpSink.url, { workerConcurrency: 2 }), {
      sqs: workerSqsClient(),
      dynamoDb,
      mailer: slowMailer,
      logger: quietLogger,
    });
    runningWorkers.push(worker);
    await eventually(() => started === 2);
    // Act
    const stopped = worker.stop();
    finishJobs();
    await stopped;
    const redelivered = await receiveAll(sqs, resources.queueUrl, 10);
    // Assert
    const sent = mailFor('drain');
    expect(sent).toHaveLength(2);
    const redeliveredJobIds = redelivered.map((message) => (JSON.parse(message.Body ?? '{}') as EmailJob).jobId);
    expect(redeliveredJobIds.sort()).toEqual(jobs.map((job) => job.jobId).filter((jobId) => !sent.includes(jobId)).sort());
    expect(worker.poller.stats()).toMatchObject({ succeeded: 2, deleted: 2, released: worker.poller.stats().received - 2 });
  });
});

describe('idempotency lease (DynamoDB on dynalite)', () => {
  it('blocks a redelivery while the lease runs, then lets it send once the lease expired', async () => {
    // Prepare: the first attempt "crashes" (its send never finishes), as a SIGKILLed worker would
    const resources = await createEmailWorkerResources({ sqs, dynamoDb });
    const sentJobIds: string[] = [];
    let mailerCalls = 0;
    let hang = true;
    const mailer: Mailer = {
      send: (job) => {
        mailerCalls += 1;
        return hang ? new Promise<void>(() => undefined) : Promise.resolve(void sentJobIds.push(job.jobId));
      },
      close: () => undefined,
    };
    const sendOnce = createIdempotentJobSender({
      mailer,
      ttlSeconds: 3600,
      persistenceStore: new DynamoDBPersistenceLayer({ tableName: resources.tableName, awsSdkV3Client: dynamoDb }),
    });
    const [job] = emailJobs(1, 'lease') as [EmailJob];
    // 1.5 s: far longer than one dynalite round trip (the blocked check), short enough for a quick test.
    const leaseMs = 1500;
    /** One delivery attempt, never waiting longer than the lease (a call reaching the hanging mailer answers 'no answer'). */
    const attempt = (): Promise<'sent' | 'blocked' | 'failed' | 'no answer'> =>
      Promise.race([
        sendOnce(job, fixedLease(leaseMs)).then(
          () => 'sent' as const,
          (error: unknown) => (error instanceof IdempotencyAlreadyInProgressError ? ('blocked' as const) : ('failed' as const)),
        ),
        new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), leaseMs)),
      ]);
    void sendOnce(job, fixedLease(leaseMs));
    // The mailer was reached: the in-progress record is written, the lease runs.
    await eventually(() => mailerCalls === 1);
    const whileLeased = await attempt();
    // Act
    hang = false;
    const redelivered = await eventually(async () => (await attempt()) === 'sent');
    // Assert
    expect(whileLeased).toBe('blocked');
    expect(redelivered).toBe(true);
    expect(sentJobIds).toEqual([job.jobId]);
  });
});

describe('enqueueEmails against fauxqs', () => {
  it('sends 25 jobs in 3 SendMessageBatch calls', async () => {
    // Prepare
    const resources = await createEmailWorkerResources({ sqs, dynamoDb });
    const producerSqs = workerSqsClient();
    const calls = recordSqsCalls(producerSqs);
    // Act
    const result = await enqueueEmails(emailJobs(25, 'producer'), { queueUrl: resources.queueUrl, sqs: producerSqs });
    // Assert
    expect(result).toEqual({ enqueued: 25, failures: [] });
    expect(calls.map((call) => call.name)).toEqual(Array(3).fill('SendMessageBatchCommand'));
    expect(await messagesLeft(resources.queueUrl)).toBe(25);
    producerSqs.destroy();
  });

  it('reports the entries SQS refuses instead of dropping them', async () => {
    // Prepare: the queue takes 1 KiB messages, the producer was told the 1 MiB default
    const resources = await createEmailWorkerResources({ sqs, dynamoDb }, { maximumMessageSize: 1024 });
    const jobs = emailJobs(3, 'refused');
    const tooBig = { ...jobs[1], body: 'x'.repeat(2000) } as EmailJob;
    // Act
    const result = await enqueueEmails([jobs[0] as EmailJob, tooBig, jobs[2] as EmailJob], {
      queueUrl: resources.queueUrl,
      sqs,
      retryBackoff: { baseDelayMs: 0, maxDelayMs: 0 },
    });
    // Assert
    expect(result.enqueued).toBe(2);
    expect(result.failures).toEqual([expect.objectContaining({ jobId: tooBig.jobId, senderFault: true })]);
  });
});
