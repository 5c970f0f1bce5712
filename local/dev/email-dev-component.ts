/**
 * The email worker in `npm run dev`: fauxqs (SQS), dynalite and the SMTP sink, EmailWorkerStack
 * provisioned from its template (Fargate mode, the stack's own settings), and two worker processes
 * (`worker.ts`, as the Fargate tasks run it) polling the queue until stopped. Captured mail goes to
 * the mailbox folder; jobs moved to the dead-letter queue are logged and counted at GET /status.
 */
import { startDynamoDbEmulator } from '../emulators/dynamodb-emulator';
import { startSmtpSink } from '../emulators/smtp-sink';
import { startSqsEmulator } from '../emulators/sqs-emulator';
import { consumerProcessSpecs } from '../email/consumer-environment';
import { startConsumerProcess, stopConsumerProcess, type ConsumerProcess } from '../email/consumer-processes';
import { provisionLocalEmailResources } from '../email/local-email-resources';
import { emulatorDynamoDbClient, emulatorSqsClient } from '../emulators/emulator-clients';
import { cliPrefix } from './dev-cli-examples';
import { StartedResources, type DevComponent, type DevContext, type RunningDevComponent } from './dev-component';
import { startMailboxWriter } from './mailbox-writer';
import { watchDeadLetterQueue, type DeadLetterWatcher } from './dead-letter-watcher';
import { startLiveSampler } from './live-sampler';
import { queueDepth } from '../email/backlog-scaler';
import type { SmtpSink } from '../emulators/smtp-sink';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { RunObservation } from '../web/live-observation';

/** Worker processes (Fargate tasks): two, so a job visibly goes to one of competing workers. */
const WORKERS = 2;
/** SIGTERM-to-SIGKILL grace when the stack declares no stopTimeout. @default ECS's 30 s */
const DEFAULT_STOP_GRACE_SECONDS = 30;

/**
 * What the live page draws for the email worker: the queue's depth against the workers, and the
 * jobs accounted for (mail captured, in the dead-letter queue) of those sent so far (the same plus
 * what is still in the queue).
 */
async function emailObservations(sqs: SQSClient, queueUrl: string, mail: SmtpSink, deadLetters: DeadLetterWatcher): Promise<RunObservation[]> {
  const { visible, inFlight } = await queueDepth(sqs, queueUrl);
  const delivered = mail.messages.length;
  const deadLettered = deadLetters.messages();
  return [
    { kind: 'sqs-depth', visible, inFlight, workers: WORKERS },
    { kind: 'email-progress', accountedFor: delivered + deadLettered, total: delivered + deadLettered + visible + inFlight, delivered, deadLettered, workers: WORKERS },
  ];
}

async function start(context: DevContext): Promise<RunningDevComponent> {
  const started = new StartedResources();
  try {
    const [sqsEmulator, dynamoDbEmulator, sink] = await Promise.all([
      startSqsEmulator().then((emulator) => started.add(emulator, (it) => it.stop())),
      startDynamoDbEmulator().then((emulator) => started.add(emulator, (it) => it.stop())),
      startSmtpSink().then((smtp) => started.add(smtp, (it) => it.stop())),
    ]);
    const sqs = started.add(emulatorSqsClient(sqsEmulator.endpoint), (client) => client.destroy());
    const dynamoDb = started.add(emulatorDynamoDbClient(dynamoDbEmulator.endpoint), (client) => client.destroy());
    const stack = await provisionLocalEmailResources({ consumers: 'fargate', sqs, dynamoDb });
    stack.environmentReport.forEach((line) => context.log(`email: ${line}`));
    started.add(startMailboxWriter(sink, context.mailboxDir), (writer) => writer.stop());

    const graceMs = 1000 * (stack.stopTimeoutSeconds ?? DEFAULT_STOP_GRACE_SECONDS);
    const specs = consumerProcessSpecs('fargate', stack, { sqs: sqsEmulator.endpoint, dynamoDb: dynamoDbEmulator.endpoint, smtpUrlFor: sink.urlForUser }, WORKERS);
    const workers: ConsumerProcess[] = specs.map((spec) => started.add(startConsumerProcess(spec), (worker) => stopConsumerProcess(worker, graceMs)));
    for (const worker of workers) void worker.exited.then((exit) => context.log(`email: ${worker.id} exited (${exit.signal ?? exit.code})`));

    const cli = cliPrefix(sqsEmulator.endpoint);
    const deadLetters = started.add(
      watchDeadLetterQueue({
        sqs,
        queueUrl: stack.deadLetterQueueUrl,
        onMoved: (moved, total) =>
          context.log(`email: ${moved} job(s) moved to the dead-letter queue (${total} there now); read them: ${cli} sqs receive-message --queue-url ${stack.deadLetterQueueUrl} --attribute-names All --message-attribute-names All`),
      }),
      (watcher) => watcher.stop(),
    );
    const live = context.liveEvents;
    if (live !== undefined) started.add(startLiveSampler({ sink: live, sample: () => emailObservations(sqs, stack.queueUrl, sink, deadLetters) }), (sampler) => sampler.stop());
    const job = JSON.stringify({ jobId: 'hello-1', to: 'you@example.com', subject: 'Hello', body: 'Sent from the AWS CLI' });
    return {
      description: {
        endpoints: { sqs: sqsEmulator.endpoint, dynamodb: dynamoDbEmulator.endpoint, smtp: sink.url },
        queues: { jobs: stack.queueUrl, deadLetter: stack.deadLetterQueueUrl },
        tables: { idempotency: stack.idempotencyTableName },
        mailbox: context.mailboxDir,
        consumers: Object.fromEntries(workers.map((worker) => [worker.id, `worker.ts (Fargate task), pid ${worker.pid ?? '?'}`])),
        examples: [
          `${cli} sqs send-message --queue-url ${stack.queueUrl} --message-body '${job}'`,
          `${cli} sqs get-queue-attributes --queue-url ${stack.deadLetterQueueUrl} --attribute-names ApproximateNumberOfMessages`,
        ],
      },
      status: () => ({ mailsCaptured: sink.messages.length, deadLetterQueue: { messages: deadLetters.messages() }, workers: workers.map((worker) => ({ id: worker.id, pid: worker.pid })) }),
      stop: () => started.stopAll(),
    };
  } catch (error) {
    await started.stopAll();
    throw error;
  }
}

/** The email worker (SQS task queue). */
export const emailDevComponent: DevComponent = { name: 'email', start };
