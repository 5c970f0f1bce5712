/**
 * The email pattern end to end on this machine: emulators (fauxqs, dynalite, an SMTP sink),
 * resources provisioned from the synthesized EmailWorkerStack, jobs enqueued with the real
 * producer, N consumer processes, and a count of what happened to every job.
 * `npm start` and the integration tests call `runEmailDemo`; everything it starts, it stops.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { enqueueEmails } from '../lambda/email-worker/enqueue-emails';
import { startDynamoDbEmulator } from './emulators/dynamodb-emulator';
import { startSmtpSink, type SmtpSink } from './emulators/smtp-sink';
import { startSqsEmulator } from './emulators/sqs-emulator';
import type { RunningEmulator } from './emulators/child-emulator';
import { startConsumerProcess, stopConsumerProcess, type ConsumerExit, type ConsumerProcess } from './email/consumer-processes';
import { consumerProcessSpecs } from './email/consumer-environment';
import { DeadLetterCollector } from './email/dead-letter-collector';
import { buildEmailJobMix, TRANSIENT_RECIPIENT_PATTERN, type EmailJobMix } from './email/email-job-mix';
import { provisionEmailLocalStack, type EmailConsumerMode, type EmailLocalStack } from './email/email-local-stack';
import { countEmailRunOutcome, isEveryJobAccountedFor, type EmailRunOutcome } from './email/email-run-outcome';
import { createRunProgress } from './email/run-progress';
import { newRunPrefix } from './template/physical-names';

export { formatEmailSummary } from './email/format-email-summary';
export type { EmailConsumerMode } from './email/email-local-stack';

/** A run in progress, handed to `duringRun` for fault injection. */
export interface RunningEmailDemo {
  readonly consumers: readonly ConsumerProcess[];
  readonly sink: SmtpSink;
  /** Resolves once the sink has acknowledged at least `count` messages. */
  waitForDeliveries(count: number): Promise<void>;
}

/** Options of one run. */
export interface EmailDemoOptions {
  readonly consumers: EmailConsumerMode;
  /** Jobs to enqueue, malformed ones included. @default 300 */
  readonly jobs?: number;
  /** Share of malformed jobs. @default 0.05 */
  readonly malformedRatio?: number;
  /** Share of jobs whose recipient the sink rejects (451) on the first attempts. @default 0.02 */
  readonly transientRatio?: number;
  /** Attempts the sink rejects per transient recipient. @default 2 */
  readonly transientAttempts?: number;
  /** Consumer processes (fargate: tasks; lambda: slices of the mapping's MaximumConcurrency). @default 2 */
  readonly workers?: number;
  /** Where progress and the report go. @default console.log */
  readonly log?: (line: string) => void;
  /** Show progress (a bar on a TTY). @default true */
  readonly showProgress?: boolean;
  /** CDK context for the synthesized stack. @default { emailJobTimeoutSeconds: 5, emailRetryBaseDelaySeconds: 1 } */
  readonly context?: Readonly<Record<string, unknown>>;
  /** The run gives up waiting after this long and reports what is missing. @default 120000 */
  readonly deadlineMs?: number;
  /** The sink holds each DATA reply this long (see SmtpSinkOptions). @default 0 */
  readonly smtpDataResponseDelayMs?: number;
  /** Runs alongside the consumers (e.g. kills one); the run waits for it. @default none */
  readonly duringRun?: (run: RunningEmailDemo) => Promise<void>;
}

/** What a run did. */
export interface EmailDemoResult extends EmailRunOutcome {
  readonly consumers: EmailConsumerMode;
  /** Every job was delivered or dead-lettered before the deadline. */
  readonly completed: boolean;
  /** How each consumer process ended, by worker id. */
  readonly consumerExits: Readonly<Record<string, ConsumerExit>>;
  /** Resources not emulated, and where local differs from the template. */
  readonly environmentReport: readonly string[];
}

/** Short timeouts so a local run's retries and redeliveries take seconds, not minutes. */
const DEFAULT_LOCAL_CONTEXT = { emailJobTimeoutSeconds: 5, emailRetryBaseDelaySeconds: 1 };
/** How often the run checks the sink and the DLQ. */
const CHECK_INTERVAL_MS = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends the malformed bodies as they are (enqueueEmails would rightly refuse them), 10 per call. */
async function sendRawBodies(sqs: SQSClient, queueUrl: string, bodies: readonly string[]): Promise<void> {
  // SQS SendMessageBatch takes at most 10 entries.
  for (let start = 0; start < bodies.length; start += 10) {
    const { Failed } = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: bodies.slice(start, start + 10).map((body, index) => ({ Id: String(index), MessageBody: body })),
      }),
    );
    if ((Failed?.length ?? 0) > 0) throw new Error(`SQS refused ${Failed?.length} malformed test messages: ${Failed?.[0]?.Message}`);
  }
}

async function enqueueMix(sqs: SQSClient, stack: EmailLocalStack, mix: EmailJobMix): Promise<void> {
  const { failures } = await enqueueEmails(mix.validJobs, { queueUrl: stack.queueUrl, sqs });
  if (failures.length > 0) throw new Error(`enqueueEmails could not enqueue ${failures.length} jobs: ${failures[0]?.message}`);
  await sendRawBodies(sqs, stack.queueUrl, mix.malformedJobs.map((job) => job.body));
}

/** Runs the email pattern end to end and returns the counted outcome. */
export async function runEmailDemo(options: EmailDemoOptions): Promise<EmailDemoResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const emulators: RunningEmulator[] = [];
  let sink: SmtpSink | undefined;
  let sqs: SQSClient | undefined;
  let dynamoDb: DynamoDBClient | undefined;
  const consumers: ConsumerProcess[] = [];
  const consumerExits: Record<string, ConsumerExit> = {};
  let stopGraceMs = 0;
  try {
    const [sqsEmulator, dynamoDbEmulator, startedSink] = await Promise.all([
      startSqsEmulator(),
      startDynamoDbEmulator(),
      startSmtpSink({
        transientRejection: { recipientPattern: TRANSIENT_RECIPIENT_PATTERN, attempts: options.transientAttempts ?? 2 },
        dataResponseDelayMs: options.smtpDataResponseDelayMs ?? 0,
      }),
    ]);
    emulators.push(sqsEmulator, dynamoDbEmulator);
    sink = startedSink;
    const clientConfig = (endpoint: string) => ({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    sqs = new SQSClient(clientConfig(sqsEmulator.endpoint));
    dynamoDb = new DynamoDBClient(clientConfig(dynamoDbEmulator.endpoint));

    const stack = await provisionEmailLocalStack({
      consumers: options.consumers,
      sqs,
      dynamoDb,
      context: options.context ?? DEFAULT_LOCAL_CONTEXT,
    });
    for (const line of stack.environmentReport) log(line);
    stopGraceMs = 1000 * (stack.stopTimeoutSeconds ?? stack.lambda?.timeoutSeconds ?? 30);

    const mix = buildEmailJobMix({
      jobs: options.jobs ?? 300,
      malformedRatio: options.malformedRatio ?? 0.05,
      transientRatio: options.transientRatio ?? 0.02,
      runId: newRunPrefix(),
    });
    await enqueueMix(sqs, stack, mix);
    log(`${options.consumers}: enqueued ${mix.validJobs.length} valid and ${mix.malformedJobs.length} malformed jobs`);

    const endpoints = { sqs: sqsEmulator.endpoint, dynamoDb: dynamoDbEmulator.endpoint, smtpUrlFor: startedSink.urlForUser };
    for (const spec of consumerProcessSpecs(options.consumers, stack, endpoints, options.workers ?? 2)) {
      const consumer = startConsumerProcess(spec);
      consumers.push(consumer);
      void consumer.exited.then((exit) => {
        consumerExits[consumer.id] = exit;
      });
    }
    log(`${options.consumers}: started ${consumers.length} consumer processes`);

    const collector = new DeadLetterCollector(sqs, stack.deadLetterQueueUrl);
    const deadline = Date.now() + (options.deadlineMs ?? 120_000);
    const faults = options.duringRun?.({
      consumers,
      sink: startedSink,
      async waitForDeliveries(count) {
        while (startedSink.messages.length < count && Date.now() < deadline) await sleep(CHECK_INTERVAL_MS / 5);
      },
    });
    const progress = createRunProgress(mix.validJobs.length + mix.malformedJobs.length, log, options.showProgress === false ? false : undefined);
    let outcome = countEmailRunOutcome(mix, startedSink.messages, collector.collected);
    try {
      while (!isEveryJobAccountedFor(outcome) && Date.now() < deadline) {
        await sleep(CHECK_INTERVAL_MS);
        await collector.drain();
        outcome = countEmailRunOutcome(mix, startedSink.messages, collector.collected);
        progress.update(outcome.enqueued - outcome.lost.length, `delivered ${outcome.delivered}, dead-lettered ${outcome.deadLettered}`);
      }
    } finally {
      progress.stop();
    }
    await faults;
    const completed = isEveryJobAccountedFor(outcome);
    await Promise.all(consumers.map((consumer) => stopConsumerProcess(consumer, stopGraceMs)));
    // Count again after the drain: a late duplicate must not escape the summary.
    await collector.drain();
    outcome = countEmailRunOutcome(mix, startedSink.messages, collector.collected);
    if (!completed) {
      for (const consumer of consumers) log(`--- ${consumer.id} output (tail) ---\n${consumer.outputTail()}`);
    }
    return { ...outcome, consumers: options.consumers, completed, consumerExits: { ...consumerExits }, environmentReport: stack.environmentReport };
  } finally {
    await Promise.all(consumers.map((consumer) => stopConsumerProcess(consumer, stopGraceMs)));
    sqs?.destroy();
    dynamoDb?.destroy();
    await Promise.all([...emulators.map((emulator) => emulator.stop()), sink?.stop()]);
  }
}
