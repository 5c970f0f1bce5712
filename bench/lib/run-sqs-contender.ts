/**
 * Runs one SQS consumer against its own fresh, pre-filled queue and measures it: time until every
 * message is deleted, SQS calls by command and their round trips, peak jobs in flight,
 * duplicates, CPU per side and event-loop delay.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { emulatorSqsClient } from '../../local/emulators/emulator-clients';
import { createBenchQueue } from './bench-queue';
import { DeadlineExceededError, waitUntil, withDeadline } from './deadline';
import { startEventLoopDelaySample, type EventLoopDelaySample } from './event-loop-delay';
import { startCpuSample, type CpuSample } from './process-cpu';
import { countSqsCalls, snapshotCallCounts, type SqsCallCounts } from './sqs-call-counter';
import type { RunningSqsContender, SqsContender } from './sqs-contender';
import { perSecond, startStopwatch } from './stopwatch';

/** How one contender is run. */
export interface SqsContenderRunOptions {
  /** Endpoint of the SQS emulator (or any SQS endpoint). */
  readonly endpoint: string;
  /** Messages `seed` puts on the queue; the run ends when this many are deleted. */
  readonly messageCount: number;
  /** Fills the fresh queue with `messageCount` messages before the clock starts (not measured). */
  readonly seed: (sqs: SQSClient, queueUrl: string) => Promise<void>;
  /** Simulated processing time of one message, in milliseconds (a timer, no CPU work). */
  readonly jobLatencyMs: number;
  /** Hard limit for consuming the whole queue; past it the run fails with DeadlineExceededError. */
  readonly deadlineMs: number;
  /** Run against a FIFO queue (see createBenchQueue). @default false */
  readonly fifo?: boolean;
  /** Hard limit for the contender's `stop()`. @default 30000 */
  readonly stopDeadlineMs?: number;
}

/** What one run measured. */
export interface SqsContenderResult {
  readonly label: string;
  readonly messageCount: number;
  /** From start to the last message deleted. */
  readonly elapsedMs: number;
  readonly messagesPerSecond: number;
  /** SQS calls up to the moment the last message was deleted. */
  readonly calls: SqsCallCounts;
  /** Job runs; above `messageCount` when messages were delivered more than once. */
  readonly jobsRun: number;
  /** Distinct messages the job saw. */
  readonly distinctMessages: number;
  /** Most jobs running at the same moment. */
  readonly peakInFlight: number;
  /** Consumer-side errors reported while measuring. */
  readonly errors: readonly string[];
  readonly cpu: CpuSample;
  readonly eventLoopDelay: EventLoopDelaySample;
}

/** Far above any run's length, so a healthy run never sees a redelivery (duplicates mean a bug). */
const BENCH_VISIBILITY_TIMEOUT_SECONDS = 300;

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Tracks what the simulated job sees: runs, distinct messages, concurrency. */
function instrumentedJob(jobLatencyMs: number) {
  const seen = new Set<string>();
  const stats = { jobsRun: 0, inFlight: 0, peakInFlight: 0, seen };
  const job = async (message: Message): Promise<void> => {
    stats.jobsRun += 1;
    seen.add(message.MessageId ?? `missing-id-${stats.jobsRun}`);
    stats.inFlight += 1;
    stats.peakInFlight = Math.max(stats.peakInFlight, stats.inFlight);
    try {
      await sleep(jobLatencyMs);
    } finally {
      stats.inFlight -= 1;
    }
  };
  return { job, stats };
}

/** Stops a contender; one that overruns its deadline is reported, not waited for. */
async function stopWithin(running: RunningSqsContender, label: string, deadlineMs: number): Promise<void> {
  try {
    await withDeadline(running.stop(), `${label}: stop`, deadlineMs);
  } catch (error) {
    if (!(error instanceof DeadlineExceededError)) throw error;
    console.error(`# warning: ${error.message}`);
  }
}

/** Starts `contender` on a filled queue, waits until every message is deleted, stops it. */
async function measureContender(
  contender: SqsContender,
  consumerClient: SQSClient,
  queueUrl: string,
  options: SqsContenderRunOptions,
): Promise<SqsContenderResult> {
  const calls = countSqsCalls(consumerClient);
  const { job, stats } = instrumentedJob(options.jobLatencyMs);
  const errors: string[] = [];
  let measuring = true;
  const onError = (error: unknown): void => {
    // Errors after the measurement (aborted long polls while stopping) are expected, not results.
    if (measuring) errors.push(describeError(error));
  };

  const stopwatch = startStopwatch();
  const cpuSample = startCpuSample();
  const eventLoopDelaySample = startEventLoopDelaySample();
  const running = contender.start({
    sqs: consumerClient,
    queueUrl,
    visibilityTimeoutSeconds: BENCH_VISIBILITY_TIMEOUT_SECONDS,
    job,
    onError,
  });
  try {
    await waitUntil(() => calls.deletedMessages >= options.messageCount, {
      step: `${contender.label}: all ${options.messageCount} messages deleted`,
      deadlineMs: options.deadlineMs,
      progress: () => `${calls.deletedMessages} deleted, ${stats.jobsRun} jobs run, errors: ${errors.length}`,
    });
    const elapsedMs = stopwatch.elapsedMs();
    return {
      label: contender.label,
      messageCount: options.messageCount,
      elapsedMs,
      messagesPerSecond: perSecond(options.messageCount, elapsedMs),
      calls: snapshotCallCounts(calls),
      jobsRun: stats.jobsRun,
      distinctMessages: stats.seen.size,
      peakInFlight: stats.peakInFlight,
      errors: [...errors],
      cpu: cpuSample(),
      eventLoopDelay: eventLoopDelaySample(),
    };
  } finally {
    measuring = false;
    await stopWithin(running, contender.label, options.stopDeadlineMs ?? 30_000);
  }
}

/**
 * Creates a fresh queue, seeds it, runs `contender` until every message is deleted, then stops it
 * and removes the queue, also when the run fails or overruns its deadline.
 */
export async function runSqsContender(
  contender: SqsContender,
  options: SqsContenderRunOptions,
): Promise<SqsContenderResult> {
  const adminClient = emulatorSqsClient(options.endpoint);
  const consumerClient = emulatorSqsClient(options.endpoint);
  try {
    const queue = await createBenchQueue(adminClient, {
      namePrefix: 'bench',
      visibilityTimeoutSeconds: BENCH_VISIBILITY_TIMEOUT_SECONDS,
      fifo: options.fifo,
    });
    try {
      await options.seed(adminClient, queue.queueUrl);
      return await measureContender(contender, consumerClient, queue.queueUrl, options);
    } finally {
      await queue.remove();
    }
  } finally {
    // Destroying the clients closes their sockets, so even a contender that would not stop lets go.
    consumerClient.destroy();
    adminClient.destroy();
  }
}
