/**
 * The email pattern end to end on this machine: emulators (fauxqs, dynalite, an SMTP sink),
 * resources provisioned from the synthesized EmailWorkerStack, jobs enqueued with the real
 * producer, N consumer processes, and a count of what happened to every job.
 * `npm start` and the integration tests call `runEmbeddedEmail`; everything it starts, it stops.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { sendRawBodies } from './send-raw-bodies';
import { enqueueEmails } from '../../runtime/email-worker/enqueue-emails';
import { startDynamoDbEmulator } from '../emulators/dynamodb-emulator';
import { emulatorDynamoDbClient, emulatorSqsClient } from '../emulators/emulator-clients';
import { startSmtpSink, type SmtpSink } from '../emulators/smtp-sink';
import { startSqsEmulator } from '../emulators/sqs-emulator';
import { startAllOrNothing } from '../emulators/start-all-or-nothing';
import type { RunningEmulator } from '../emulators/child-emulator';
import { startConsumerProcess, stopConsumerProcess, type ConsumerExit, type ConsumerProcess } from './consumer-processes';
import { consumerProcessSpecs } from './consumer-environment';
import { DeadLetterCollector } from './dead-letter-collector';
import { buildEmailJobMix, TRANSIENT_RECIPIENT_PATTERN, type EmailJobMix } from './email-job-mix';
import type { EmailConsumerMode } from '../../runtime/email-worker/email-worker-choices';
import { provisionLocalEmailResources, type LocalEmailResources } from './local-email-resources';
import { countEmailRunOutcome, isEveryJobAccountedFor, type EmailRunOutcome } from './email-run-outcome';
import { createRunProgress } from './run-progress';
import { visibleBacklog, workersToAdd, type BacklogScalingPolicy, type ScalingStep } from './backlog-scaler';
import { countDeliveryOrderInversions } from './delivery-order';
import { RetryLogCounter, type RetryObservation } from './retry-log-counter';
import { newRunPrefix } from '../provisioning/physical-names';
import { SQS_LIMITS } from '../../runtime/shared/aws-limits';

/** A run in progress, handed to `duringRun` for fault injection. */
export interface EmailRunInProgress {
  readonly consumers: readonly ConsumerProcess[];
  readonly sink: SmtpSink;
  /** Resolves once the sink has acknowledged at least `count` messages. */
  waitForDeliveries(count: number): Promise<void>;
}

/** Options of one run. */
export interface EmailRunOptions {
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
  readonly duringRun?: (run: EmailRunInProgress) => Promise<void>;
  /**
   * Consumer processes started with the run; more are added (up to `workers`) while the backlog
   * exceeds `backlogPerWorker` per running worker. @default `workers` (all at once, no scaling)
   */
  readonly initialWorkers?: number;
  /** Visible messages per running worker above which one more is started. @default 50 */
  readonly backlogPerWorker?: number;
  /** Called at every check with the counts so far (for a caller's own progress display). @default none */
  readonly onProgress?: (progress: EmailRunProgress) => void;
}

/** Counts of a run in progress. */
export interface EmailRunProgress {
  readonly accountedFor: number;
  readonly total: number;
  readonly delivered: number;
  readonly deadLettered: number;
  readonly workers: number;
}

/** Workers over the run: the scaling unit of a task queue. */
export interface EmailWorkerScaling {
  readonly initial: number;
  readonly peak: number;
  /** Each worker added, with the backlog that triggered it. */
  readonly steps: readonly ScalingStep[];
}

/** What a run did. */
export interface EmailRunResult extends EmailRunOutcome {
  readonly consumers: EmailConsumerMode;
  /** Every job was delivered or dead-lettered before the deadline. */
  readonly completed: boolean;
  /** How each consumer process ended, by worker id. */
  readonly consumerExits: Readonly<Record<string, ConsumerExit>>;
  /** Resources not emulated, and where local differs from the template. */
  readonly environmentReport: readonly string[];
  /** Adjacent first deliveries (in the sink's acknowledgement order) reversed against enqueue order. */
  readonly deliveryOrderInversions: number;
  /** Transient failures and redeliveries, as the consumers reported them. */
  readonly retries: RetryObservation;
  /** Messages a fresh ReceiveMessage on the source queue got after the run (deleted ones are gone). */
  readonly receivableAfterRun: number;
  /** Workers at the start and at the peak. */
  readonly workerScaling: EmailWorkerScaling;
}

/** Short timeouts so a local run's retries and redeliveries take seconds, not minutes. */
const DEFAULT_LOCAL_CONTEXT = { emailJobTimeoutSeconds: 5, emailRetryBaseDelaySeconds: 1 };
/** How often the run checks the sink and the DLQ. */
const CHECK_INTERVAL_MS = 250;
/** One scaling step at most every 2 s: a new worker needs about that long to start and pull its share. */
const SCALING_COOLDOWN_MS = 2_000;
/** Default backlog per worker before adding one: a few seconds of one worker's local throughput. */
const DEFAULT_BACKLOG_PER_WORKER = 50;

/** Receives once more from the source queue (all 10 a call may return, SQS limit) and counts what comes back. */
async function countReceivable(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: SQS_LIMITS.maxBatchEntries, WaitTimeSeconds: 1 }));
  return Messages?.length ?? 0;
}

async function enqueueMix(sqs: SQSClient, resources: LocalEmailResources, mix: EmailJobMix): Promise<void> {
  const { failures } = await enqueueEmails(mix.validJobs, { queueUrl: resources.queueUrl, sqs });
  if (failures.length > 0) throw new Error(`enqueueEmails could not enqueue ${failures.length} jobs: ${failures[0]?.message}`);
  const bodies = mix.malformedJobs.map((job) => job.body);
  const { accepted, firstRefusal } = await sendRawBodies(sqs, resources.queueUrl, bodies);
  if (accepted < bodies.length) throw new Error(`SQS refused ${bodies.length - accepted} malformed test messages: ${firstRefusal}`);
}

/** Runs the email pattern end to end and returns the counted outcome. */
export async function runEmbeddedEmail(options: EmailRunOptions): Promise<EmailRunResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const emulators: RunningEmulator[] = [];
  let sink: SmtpSink | undefined;
  let sqs: SQSClient | undefined;
  let dynamoDb: DynamoDBClient | undefined;
  const consumers: ConsumerProcess[] = [];
  const consumerExits: Record<string, ConsumerExit> = {};
  let stopGraceMs = 0;
  try {
    const [sqsEmulator, dynamoDbEmulator, startedSink] = await startAllOrNothing([
      startSqsEmulator(),
      startDynamoDbEmulator(),
      startSmtpSink({
        transientRejection: { recipientPattern: TRANSIENT_RECIPIENT_PATTERN, attempts: options.transientAttempts ?? 2 },
        dataResponseDelayMs: options.smtpDataResponseDelayMs ?? 0,
      }),
    ]);
    emulators.push(sqsEmulator, dynamoDbEmulator);
    sink = startedSink;
    sqs = emulatorSqsClient(sqsEmulator.endpoint);
    dynamoDb = emulatorDynamoDbClient(dynamoDbEmulator.endpoint);

    const resources = await provisionLocalEmailResources({
      consumers: options.consumers,
      sqs,
      dynamoDb,
      context: options.context ?? DEFAULT_LOCAL_CONTEXT,
    });
    for (const line of resources.environmentReport) log(line);
    stopGraceMs = 1000 * (resources.stopTimeoutSeconds ?? resources.lambda?.timeoutSeconds ?? 30);

    const mix = buildEmailJobMix({
      jobs: options.jobs ?? 300,
      malformedRatio: options.malformedRatio ?? 0.05,
      transientRatio: options.transientRatio ?? 0.02,
      runId: newRunPrefix(),
    });
    await enqueueMix(sqs, resources, mix);
    log(`${options.consumers}: enqueued ${mix.validJobs.length} valid and ${mix.malformedJobs.length} malformed jobs`);

    const endpoints = { sqs: sqsEmulator.endpoint, dynamoDb: dynamoDbEmulator.endpoint, smtpUrlFor: startedSink.urlForUser };
    const specs = consumerProcessSpecs(options.consumers, resources, endpoints, options.workers ?? 2);
    const retryCounter = new RetryLogCounter();
    const startNextConsumer = (): void => {
      const spec = specs[consumers.length];
      if (spec === undefined) return;
      const consumer = startConsumerProcess(spec, { onLine: retryCounter.onLine });
      consumers.push(consumer);
      void consumer.exited.then((exit) => {
        consumerExits[consumer.id] = exit;
      });
    };
    const scaling: BacklogScalingPolicy = {
      initialWorkers: Math.min(specs.length, Math.max(1, options.initialWorkers ?? specs.length)),
      maxWorkers: specs.length,
      backlogPerWorker: options.backlogPerWorker ?? DEFAULT_BACKLOG_PER_WORKER,
      cooldownMs: SCALING_COOLDOWN_MS,
    };
    for (let started = 0; started < scaling.initialWorkers; started += 1) startNextConsumer();
    const scalingSteps: ScalingStep[] = [];
    let lastScalingStepAt = Date.now();
    log(`${options.consumers}: started ${consumers.length} of up to ${specs.length} consumer processes`);

    const collector = new DeadLetterCollector(sqs, resources.deadLetterQueueUrl);
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
        if (consumers.length < scaling.maxWorkers) {
          const backlog = await visibleBacklog(sqs, resources.queueUrl);
          if (workersToAdd(scaling, consumers.length, backlog, Date.now() - lastScalingStepAt) > 0) {
            startNextConsumer();
            lastScalingStepAt = Date.now();
            scalingSteps.push({ backlog, workers: consumers.length });
            log(`${options.consumers}: backlog ${backlog} > ${scaling.backlogPerWorker} per worker: started worker ${consumers.length}`);
          }
        }
        options.onProgress?.({
          accountedFor: outcome.enqueued - outcome.lost.length,
          total: outcome.enqueued,
          delivered: outcome.delivered,
          deadLettered: outcome.deadLettered,
          workers: consumers.length,
        });
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
    const receivableAfterRun = await countReceivable(sqs, resources.queueUrl);
    return {
      ...outcome,
      consumers: options.consumers,
      completed,
      consumerExits: { ...consumerExits },
      environmentReport: resources.environmentReport,
      deliveryOrderInversions: countDeliveryOrderInversions(startedSink.messages),
      retries: retryCounter.observation(),
      receivableAfterRun,
      workerScaling: { initial: scaling.initialWorkers, peak: consumers.length, steps: scalingSteps },
    };
  } finally {
    await Promise.all(consumers.map((consumer) => stopConsumerProcess(consumer, stopGraceMs)));
    sqs?.destroy();
    dynamoDb?.destroy();
    await Promise.all([...emulators.map((emulator) => emulator.stop()), sink?.stop()]);
  }
}
