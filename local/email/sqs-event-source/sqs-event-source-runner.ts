/**
 * A small local stand-in for Lambda's SQS event source: N pollers (the mapping's
 * MaximumConcurrency) each gather a batch (BatchSize, MaximumBatchingWindowInSeconds), invoke the
 * real handler with an AWS-shaped event and context, and delete what succeeded (see
 * local/lambda/batch-outcome.ts). A harness for the tests and npm start, not a general emulator.
 *
 * One runner (one process) is one Lambda execution environment, so it runs ONE invocation at a
 * time, however many pollers gather batches: handlers keep per-environment state at module level
 * (Powertools' BatchProcessor, Metrics), which Lambda never shares between concurrent invocations.
 * Concurrency across environments comes from running several runner processes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSEvent } from 'aws-lambda';
import { createLambdaContext, type LocalFunctionIdentity } from '../../lambda/lambda-context';
import { interpretBatchResponse, type BatchOutcome } from '../../lambda/batch-outcome';
import type { SqsEventSourceSettings } from './sqs-event-source-settings';
import { sqsRecordFrom, type SqsEventOrigin } from './sqs-lambda-event';
import { SQS_EVENT_SOURCE_LIMITS, SQS_LIMITS } from '../../../runtime/shared/aws-limits';
import { chunk } from '../../../runtime/shared/chunk';

/** An SQS-triggered handler; what it returns is interpreted like Lambda does. */
export type SqsHandler = (event: SQSEvent, context: Context) => Promise<unknown>;

/** Settings of the runner. */
export interface SqsEventSourceRunnerProps {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly origin: SqsEventOrigin;
  readonly settings: SqsEventSourceSettings;
  readonly fn: LocalFunctionIdentity;
  readonly handler: SqsHandler;
  /** Concurrent pollers (invocations still run one at a time). @default settings.maximumConcurrency ?? 5 (Lambda starts SQS polling with 5) */
  readonly concurrency?: number;
  /** Where the runner reports failed invocations and receive errors. @default console.error */
  readonly log?: (line: string) => void;
}

/** What the runner did so far. */
export interface SqsEventSourceStats {
  invocations: number;
  failedInvocations: number;
  deletedMessages: number;
  releasedMessages: number;
}

/** Locally a short long-poll keeps stop() prompt; AWS's pollers wait up to 20 s. */
const LOCAL_RECEIVE_WAIT_SECONDS = 1;
/** Pause after a failed receive so a dead endpoint is not hammered. */
const RECEIVE_ERROR_BACKOFF_MS = 1000;
/** Lambda scales SQS pollers up from 5 concurrent batches. */
const DEFAULT_CONCURRENCY = SQS_EVENT_SOURCE_LIMITS.initialPollers;

/**
 * Raised locally when an invocation outlives the function's Timeout (Lambda would end it). Plain
 * `Error`: the runner records it as that invocation's failure, as Lambda does.
 */
export class LocalInvocationTimeoutError extends Error {
  override readonly name = 'LocalInvocationTimeoutError';
  constructor(
    readonly functionName: string,
    readonly timeoutSeconds: number,
  ) {
    super(`${functionName} did not return within its ${timeoutSeconds} s timeout`);
  }
}

export class SqsEventSourceRunner {
  readonly stats: SqsEventSourceStats = { invocations: 0, failedInvocations: 0, deletedMessages: 0, releasedMessages: 0 };
  private stopping = false;
  private pollers: Promise<void>[] = [];
  /** Tail of the invocation chain: the environment is busy until it settles. */
  private environmentIdle: Promise<void> = Promise.resolve();
  private readonly log: (line: string) => void;

  constructor(private readonly props: SqsEventSourceRunnerProps) {
    this.log = props.log ?? ((line) => console.error(line));
  }

  /** Starts the pollers. */
  start(): void {
    const concurrency = this.props.concurrency ?? this.props.settings.maximumConcurrency ?? DEFAULT_CONCURRENCY;
    this.pollers = Array.from({ length: concurrency }, () => this.poll());
  }

  /** Stops polling, lets in-flight invocations finish and settle, and releases batches not yet started. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.pollers);
  }

  private async poll(): Promise<void> {
    while (!this.stopping) {
      const batch = await this.gatherBatch();
      if (batch.length === 0) continue;
      if (this.stopping) {
        await this.release(batch);
        break;
      }
      await this.invokeExclusively(batch);
    }
  }

  /** Waits for the environment to be free, then invokes (see the file comment). */
  private invokeExclusively(batch: readonly Message[]): Promise<void> {
    const invocation = this.environmentIdle.then(() => this.invoke(batch));
    this.environmentIdle = invocation.catch(() => undefined);
    return invocation;
  }

  /** Receives until BatchSize is reached or the batching window (0: one receive) has passed. */
  private async gatherBatch(): Promise<Message[]> {
    const { batchSize, maximumBatchingWindowSeconds } = this.props.settings;
    const deadline = Date.now() + maximumBatchingWindowSeconds * 1000;
    const batch: Message[] = [];
    do {
      try {
        const { Messages } = await this.props.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.props.queueUrl,
            MaxNumberOfMessages: Math.min(SQS_LIMITS.maxBatchEntries, batchSize - batch.length),
            WaitTimeSeconds: LOCAL_RECEIVE_WAIT_SECONDS,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        );
        batch.push(...(Messages ?? []));
      } catch (error) {
        this.log(`receive failed, backing off: ${(error as Error).message}`);
        await sleep(RECEIVE_ERROR_BACKOFF_MS);
      }
    } while (!this.stopping && batch.length < batchSize && Date.now() < deadline);
    return batch;
  }

  private async invoke(batch: readonly Message[]): Promise<void> {
    const records = batch.map((message) => sqsRecordFrom(message, this.props.origin));
    const context = createLambdaContext(this.props.fn);
    this.stats.invocations += 1;
    let outcome: BatchOutcome;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new LocalInvocationTimeoutError(this.props.fn.functionName, this.props.fn.timeoutSeconds)),
          this.props.fn.timeoutSeconds * 1000,
        );
      });
      const response = await Promise.race([this.props.handler({ Records: records }, context), timeout]);
      outcome = interpretBatchResponse(
        response,
        records.map((record) => record.messageId),
        this.props.settings.reportBatchItemFailures,
      );
    } catch (error) {
      outcome = { kind: 'all-failed', reason: `invocation failed: ${(error as Error).message}` };
    } finally {
      clearTimeout(timer);
    }
    if (outcome.kind === 'all-failed') {
      // Nothing is deleted: the messages reappear after the visibility timeout, as in AWS.
      this.stats.failedInvocations += 1;
      this.log(`batch of ${batch.length} failed: ${outcome.reason}`);
      return;
    }
    const succeeded = outcome.kind === 'partial' ? batch.filter((m) => !outcome.failedMessageIds.has(m.MessageId ?? '')) : batch;
    await this.deleteMessages(succeeded);
  }

  private async deleteMessages(messages: readonly Message[]): Promise<void> {
    for (const batch of chunk(messages, SQS_LIMITS.maxBatchEntries)) {
      const { Successful, Failed } = await this.props.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.props.queueUrl,
          Entries: batch.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
        }),
      );
      this.stats.deletedMessages += Successful?.length ?? 0;
      if ((Failed?.length ?? 0) > 0) this.log(`${Failed?.length} deletes refused; those messages will be redelivered`);
    }
  }

  /** Visibility 0: messages received but never handed to the function go straight back to the queue. */
  private async release(messages: readonly Message[]): Promise<void> {
    for (const batch of chunk(messages, SQS_LIMITS.maxBatchEntries)) {
      await this.props.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: this.props.queueUrl,
          Entries: batch.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 })),
        }),
      );
      this.stats.releasedMessages += batch.length;
    }
  }
}
