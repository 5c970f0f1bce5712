/**
 * `npm run bench:email`: how fast the email worker's poller drains an SQS queue, next to
 * sqs-consumer at its best settings and a naive receive-1/process/delete-1 loop.
 *
 * Fair by construction: one SQS emulator (fauxqs, in its own process so it does not share this
 * event loop), the same simulated job latency (a timer; no mail is sent), the same message count,
 * and a fresh pre-filled queue per contender. Throughput is messages deleted per second.
 *
 * SQS FIFO: the same poller, same jobs and same in-flight limit against a FIFO queue whose jobs
 * fall into FIFO_GROUPS message groups (recipients), measured in the same run next to standard.
 *
 * Options: `--messages N` (default 4000), `--latency-ms N` (default 20),
 * `--worker-concurrency N` (default 50).
 * Prints `# ...` context lines, then one `name: value` line per figure.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { EmailJob } from '../runtime/email-worker/email-job';
import { enqueueEmails } from '../runtime/email-worker/enqueue-emails';
import { startSqsEmulator } from '../local/emulators/sqs-emulator';
import { BenchQueueError } from './lib/bench-queue';
import { describeSqsResult } from './lib/describe-sqs-result';
import { positiveIntegerOptions } from './lib/bench-arguments';
import { printContext, printFigure, ratio } from './lib/print-figure';
import { emulatorCeilingLoops, naiveSqsLoop } from './lib/receive-delete-loops';
import { runSqsContender, type SqsContenderResult } from './lib/run-sqs-contender';
import { sqsConsumerContender } from './lib/sqs-consumer-contender';
import type { SqsContender } from './lib/sqs-contender';
import { sqsPollerContender } from './lib/sqs-poller-contender';
import { exitCodeFor } from '../runtime/shared/errors';

const options = positiveIntegerOptions({
  // Large enough that every contender runs for seconds, small enough for the naive loop (~2 min).
  messages: 4000,
  // A fast mail API call; long enough that waiting, not CPU, dominates each job.
  'latency-ms': 20,
  // The stack deploys 10 per task by default (to spare the mail provider; raise it with the
  // workerConcurrency prop): 50 shows what one poller does when allowed, which sqs-consumer cannot
  // (it stops at 10). The equal-in-flight figure is the comparison at the default.
  'worker-concurrency': 50,
});

/** sqs-consumer's ceiling (one receive of at most 10 messages at a time): the equal-in-flight setting. */
const EQUAL_IN_FLIGHT = 10;
/** Loops of receive-10/delete-10 with no job latency: enough to keep the emulator saturated. */
const EMULATOR_CEILING_LOOPS = 8;

/** Realistic email jobs, so message sizes match what the worker really receives. */
const benchJobs: readonly EmailJob[] = Array.from({ length: options.messages }, (_, index) => ({
  jobId: `bench-${index}`,
  to: `user${index}@example.com`,
  subject: `Benchmark message ${index}`,
  body: 'Hello from the queue-or-stream benchmark.',
}));

/** Recipients of the FIFO run: each is a message group, so at most this many jobs run at once. */
const FIFO_GROUPS = 100;
/** The same jobs for FIFO_GROUPS recipients (enqueueEmails groups a FIFO queue's jobs by recipient). */
const fifoBenchJobs: readonly EmailJob[] = benchJobs.map((job, index) => ({ ...job, to: `user${index % FIFO_GROUPS}@example.com` }));

/** Fills a contender's queue through the project's own producer (SendMessageBatch, 10 per call). */
async function seedEmailJobs(sqs: SQSClient, queueUrl: string): Promise<void> {
  const result = await enqueueEmails(queueUrl.endsWith('.fifo') ? fifoBenchJobs : benchJobs, { sqs, queueUrl });
  const firstFailure = result.failures[0];
  if (firstFailure !== undefined) {
    const first = `${firstFailure.jobId}: ${firstFailure.code} ${firstFailure.message}`;
    throw new BenchQueueError(queueUrl, `${result.failures.length} jobs not enqueued, first ${first}`);
  }
}

/** The naive loop's expected time (one job plus two round trips per message), doubled. */
function contenderDeadlineMs(): number {
  // Two loopback round trips measure ~4 ms each here; 20 ms leaves room for a busy machine.
  const naiveRoundTripsMs = 20;
  return options.messages * (options['latency-ms'] + naiveRoundTripsMs) * 2;
}

async function measure(contender: SqsContender, endpoint: string, jobLatencyMs: number, fifo = false): Promise<SqsContenderResult> {
  printContext(`${contender.label} settings: ${contender.settings}${fifo ? `, FIFO queue, ${FIFO_GROUPS} message groups` : ''}`);
  const result = await runSqsContender(contender, {
    endpoint,
    fifo,
    messageCount: options.messages,
    seed: seedEmailJobs,
    jobLatencyMs,
    deadlineMs: contenderDeadlineMs(),
  });
  printContext(describeSqsResult(result));
  return result;
}

/** Every contender's run, in the order they are measured. */
interface EmailBenchResults {
  readonly ceiling: SqsContenderResult;
  readonly worker: SqsContenderResult;
  readonly workerEqual: SqsContenderResult;
  readonly workerFifo: SqsContenderResult;
  readonly workerFifoEqual: SqsContenderResult;
  readonly sqsConsumerBatch: SqsContenderResult;
  readonly sqsConsumerSingle: SqsContenderResult;
  readonly naive: SqsContenderResult;
}

async function main(): Promise<void> {
  const latencyMs = options['latency-ms'];
  printContext(
    `${options.messages} messages per contender, ${latencyMs} ms simulated job latency, ` +
      `fauxqs in a child process, Node ${process.version}`,
  );
  const emulator = await startSqsEmulator();
  try {
    printFigures(await measureEveryContender(emulator.endpoint, latencyMs));
  } finally {
    await emulator.stop();
  }
}

async function measureEveryContender(endpoint: string, latencyMs: number): Promise<EmailBenchResults> {
  const ceiling = await measure(emulatorCeilingLoops(EMULATOR_CEILING_LOOPS), endpoint, 0);
  const worker = await measure(sqsPollerContender({ label: 'worker', concurrency: options['worker-concurrency'] }), endpoint, latencyMs);
  const workerEqual = await measure(
    sqsPollerContender({ label: `worker (${EQUAL_IN_FLIGHT} in flight)`, concurrency: EQUAL_IN_FLIGHT }),
    endpoint,
    latencyMs,
  );
  // Context only: the strictest reading of "10 in flight", nothing received ahead of a free worker.
  const strictLabel = `worker (${EQUAL_IN_FLIGHT} in flight, no prefetch)`;
  await measure(sqsPollerContender({ label: strictLabel, concurrency: EQUAL_IN_FLIGHT, prefetch: 0 }), endpoint, latencyMs);
  const workerFifo = await measure(
    sqsPollerContender({ label: 'worker on FIFO', concurrency: options['worker-concurrency'] }),
    endpoint,
    latencyMs,
    true,
  );
  const workerFifoEqual = await measure(
    sqsPollerContender({ label: `worker on FIFO (${EQUAL_IN_FLIGHT} in flight)`, concurrency: EQUAL_IN_FLIGHT }),
    endpoint,
    latencyMs,
    true,
  );
  const sqsConsumerBatch = await measure(sqsConsumerContender('handleMessageBatch'), endpoint, latencyMs);
  const sqsConsumerSingle = await measure(sqsConsumerContender('handleMessage'), endpoint, latencyMs);
  const naive = await measure(naiveSqsLoop(), endpoint, latencyMs);
  return { ceiling, worker, workerEqual, workerFifo, workerFifoEqual, sqsConsumerBatch, sqsConsumerSingle, naive };
}

function printFigures({ ceiling, worker, workerEqual, workerFifo, workerFifoEqual, sqsConsumerBatch, sqsConsumerSingle, naive }: EmailBenchResults): void {
  const sqsConsumer = sqsConsumerBatch.messagesPerSecond >= sqsConsumerSingle.messagesPerSecond ? sqsConsumerBatch : sqsConsumerSingle;
  printContext(
    `sqs_consumer figures use its faster mode, ${sqsConsumer.label}; it has at most ${EQUAL_IN_FLIGHT} in flight ` +
      `at its best, so the same run is the equal-in-flight baseline`,
  );
  printContext(`emulator ceiling (no job latency): ${ceiling.messagesPerSecond.toFixed(1)} msgs/s`);

  printFigure('worker_msgs_per_s', worker.messagesPerSecond, 1);
  printFigure('sqs_consumer_msgs_per_s', sqsConsumer.messagesPerSecond, 1);
  printFigure('naive_msgs_per_s', naive.messagesPerSecond, 1);
  printFigure('worker_vs_sqs_consumer', ratio(worker.messagesPerSecond, sqsConsumer.messagesPerSecond));
  printFigure('worker_vs_sqs_consumer_equal_inflight', ratio(workerEqual.messagesPerSecond, sqsConsumer.messagesPerSecond));
  printFigure('worker_vs_naive', ratio(worker.messagesPerSecond, naive.messagesPerSecond));
  printFigure('worker_sqs_calls_per_msg', ratio(worker.calls.total, worker.messageCount), 3);
  printFigure('worker_fifo_msgs_per_s', workerFifo.messagesPerSecond, 1);
  printFigure('worker_fifo_vs_standard', ratio(workerFifo.messagesPerSecond, worker.messagesPerSecond));
  printFigure('worker_fifo_vs_standard_equal_inflight', ratio(workerFifoEqual.messagesPerSecond, workerEqual.messagesPerSecond));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = exitCodeFor(error);
});
