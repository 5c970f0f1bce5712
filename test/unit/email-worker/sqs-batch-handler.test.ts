import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createEmailWorkerRuntime } from '../../../runtime/email-worker/email-worker-runtime';
import { DEAD_LETTER_ATTRIBUTES } from '../../../runtime/email-worker/message-disposition';
import { createSqsBatchHandler } from '../../../runtime/shared/sqs-poller/sqs-batch-handler';
import { FakeMailer, recordingSqsClient } from '../../factories/email-fakes';
import { InMemoryIdempotencyStore } from '../../factories/email-idempotency-store';
import { anEmailJob } from '../../factories/email-job';
import { anEmailWorkerSettings } from '../../factories/email-settings';
import { aLambdaContext, anSqsEvent, anSqsRecord } from '../../factories/email-sqs-event';

// EMF output is Powertools' concern; keep the test log quiet.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const settings = anEmailWorkerSettings();

function lambdaUnderTest() {
  const mailer = new FakeMailer();
  const sqs = recordingSqsClient();
  const runtime = createEmailWorkerRuntime(settings, {
    sqs: sqs.client,
    mailer,
    persistenceStore: new InMemoryIdempotencyStore(),
    logger: new Logger({ logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'test', singleMetric: false }),
  });
  const addMetric = jest.spyOn(runtime.metrics, 'addMetric');
  return { handler: createSqsBatchHandler(runtime), mailer, sqsCommands: sqs.commands, addMetric };
}

describe('Lambda SQS handler', () => {
  it('sends the good records and dead-letters the malformed ones, which Lambda then deletes', async () => {
    // Prepare
    const { handler, mailer, sqsCommands } = lambdaUnderTest();
    const good = [anEmailJob(), anEmailJob(), anEmailJob()];
    const malformed = anSqsRecord({ body: '{"jobId": "half' });
    const badAddress = anSqsRecord({ body: JSON.stringify(anEmailJob({ to: 'nobody' })) });
    const event = anSqsEvent([
      anSqsRecord({ body: JSON.stringify(good[0]) }),
      malformed,
      anSqsRecord({ body: JSON.stringify(good[1]) }),
      badAddress,
      anSqsRecord({ body: JSON.stringify(good[2]) }),
    ]);
    // Act
    const response = await handler(event, aLambdaContext());
    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(mailer.sent.map((job) => job.jobId).sort()).toEqual(good.map((job) => job.jobId).sort());
    const deadLettered = sqsCommands.filter((command) => command.name === 'SendMessageCommand');
    expect(deadLettered.map((command) => command.input.MessageBody)).toEqual([malformed.body, badAddress.body]);
    expect(deadLettered[1]?.input).toMatchObject({
      QueueUrl: settings.deadLetterQueueUrl,
      MessageAttributes: {
        [DEAD_LETTER_ATTRIBUTES.reason]: { StringValue: 'to is not a valid email address: "nobody"' },
        [DEAD_LETTER_ATTRIBUTES.sourceMessageId]: { StringValue: badAddress.messageId },
      },
    });
  });

  it('reports a transient failure as a batch item failure and backs its visibility off', async () => {
    // Prepare
    const { handler, mailer, sqsCommands } = lambdaUnderTest();
    const flaky = anEmailJob();
    mailer.failFor(flaky.jobId, Object.assign(new Error('421 try later'), { code: 'EENVELOPE', responseCode: 421 }));
    const flakyRecord = anSqsRecord({ body: JSON.stringify(flaky), receiveCount: 2 });
    const event = anSqsEvent([anSqsRecord({ body: JSON.stringify(anEmailJob()) }), flakyRecord]);
    // Act
    const response = await handler(event, aLambdaContext());
    // Assert: second receive, base 5 s → 10 s
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: flakyRecord.messageId }] });
    expect(sqsCommands).toEqual([
      {
        name: 'ChangeMessageVisibilityCommand',
        input: { QueueUrl: settings.queueUrl, ReceiptHandle: flakyRecord.receiptHandle, VisibilityTimeout: 10 },
      },
    ]);
    expect(mailer.sent).toHaveLength(1);
  });

  it('sends a redelivered job only once', async () => {
    // Prepare
    const { handler, mailer, addMetric } = lambdaUnderTest();
    const job = anEmailJob();
    // Act
    await handler(anSqsEvent([anSqsRecord({ body: JSON.stringify(job) })]), aLambdaContext());
    const second = await handler(anSqsEvent([anSqsRecord({ body: JSON.stringify(job), receiveCount: 2 })]), aLambdaContext());
    // Assert
    expect(second).toEqual({ batchItemFailures: [] });
    expect(mailer.sent.map((sent) => sent.jobId)).toEqual([job.jobId]);
    expect(addMetric.mock.calls.filter(([name]) => name === 'EmailsSent')).toHaveLength(1);
  });

  it('lets a failed send be retried (its in-progress record is removed)', async () => {
    // Prepare
    const { handler, mailer } = lambdaUnderTest();
    const job = anEmailJob();
    mailer.failFor(job.jobId, new Error('connection reset'));
    await handler(anSqsEvent([anSqsRecord({ body: JSON.stringify(job) })]), aLambdaContext());
    mailer.recover(job.jobId);
    // Act
    const retry = await handler(anSqsEvent([anSqsRecord({ body: JSON.stringify(job), receiveCount: 2 })]), aLambdaContext());
    // Assert
    expect(retry).toEqual({ batchItemFailures: [] });
    expect(mailer.sent.map((sent) => sent.jobId)).toEqual([job.jobId]);
  });
});
