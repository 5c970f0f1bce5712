/**
 * A fast, generic SQS consumer for long-running tasks (the Fargate worker's engine). Several
 * long-poll loops keep a bounded worker pool full, so receiving overlaps processing; finished
 * messages are deleted in batches; slow ones get a visibility heartbeat; `stop()` drains. A receive
 * error that retrying cannot fix (no access, no queue) stops the poller and surfaces through `finished`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import { SQS_LIMITS } from '../aws-limits';
import { fullJitterDelayMs, type BackoffSettings } from '../backoff';
import { DeleteBatcher } from './delete-batcher';
import { JobTimeoutError } from './errors';
import { isFifoQueueUrl } from './fifo-queue';
import { MESSAGE_GROUP_ID_ATTRIBUTE, MessageGroupGate } from './message-group-gate';
import { isNonRetryableReceiveError, NonRetryableReceiveError } from './receive-errors';
import { changeVisibilityInBatches } from './visibility';
import { VISIBILITY_HEARTBEAT } from './visibility-heartbeat';

/** What a job may ask of the poller about its own message. */
export interface HeldMessageControl {
  /**
   * Stops extending this message's visibility and waits for any extension already on its way, so a
   * visibility the job sets next (a retry backoff) is the last word.
   */
  stopHeartbeat(): Promise<void>;
}

/** How an {@link SqsPoller} consumes its queue. */
export interface SqsPollerOptions {
  /** The client every SQS call goes through (inject one pointed at an emulator in tests). */
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  /** Processes one message; resolving deletes it, throwing leaves it to SQS (retry, then DLQ). */
  readonly processMessage: (message: Message, control: HeldMessageControl) => Promise<void>;
  /** The queue's visibility timeout in seconds; the heartbeat extends held messages by this much. */
  readonly visibilityTimeoutSeconds: number;
  /** Messages processed at once. @default 10 */
  readonly concurrency?: number;
  /** Messages received ahead of free workers, so a worker never waits for a receive. @default 10 */
  readonly prefetch?: number;
  /** Long-poll wait per receive. @default 20 (the SQS maximum: fewest empty receives) */
  readonly waitTimeSeconds?: number;
  /**
   * A job still running after this long counts as failed: its message is not deleted. The job keeps
   * its slot (and its heartbeat) until it really settles. @default undefined (no limit)
   */
  readonly jobTimeoutMs?: number;
  /** Longest a finished message waits before its delete batch is sent. @default 50 */
  readonly deleteFlushIntervalMs?: number;
  /** Receive-error backoff (full jitter, runtime/shared/backoff.ts). @default { baseDelayMs: 400, maxDelayMs: 20000 } */
  readonly errorBackoff?: BackoffSettings;
  /** @default a Powertools Logger with service name `sqs-poller` */
  readonly logger?: Logger;
  /**
   * Keep FIFO order: one running message per message group, and a failure releases the rest of its
   * group (see message-group-gate.ts).
   * @default true when the queue URL ends in `.fifo`
   */
  readonly fifo?: boolean;
}

/** Counters for logs and benchmarks. */
export interface SqsPollerStats {
  readonly received: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly deleted: number;
  readonly released: number;
}

interface HeldMessage {
  readonly message: Message;
  readonly receiptHandle: string;
  /** When SQS will make it visible again unless extended (epoch ms). */
  visibleAtMs: number;
  /** Set once its job settled: from then on the job's disposition owns its visibility, not the heartbeat. */
  finished: boolean;
  /** Set when its job outlived `jobTimeoutMs`: the message is then never deleted. */
  timedOut: boolean;
}

/** How a job's promise settled. */
type JobOutcome = { readonly succeeded: true } | { readonly succeeded: false; readonly error: unknown };

const DEFAULT_CONCURRENCY = 10;
const DEFAULT_PREFETCH = SQS_LIMITS.maxBatchEntries;
const DEFAULT_ERROR_BACKOFF: BackoffSettings = { baseDelayMs: 400, maxDelayMs: 20_000 };

/** Consumes one SQS queue until {@link SqsPoller.stop} is called. */
export class SqsPoller {
  private readonly concurrency: number;
  private readonly capacity: number;
  private readonly receiveBatchSize: number;
  private readonly logger: Logger;
  private readonly deletes: DeleteBatcher;
  private readonly stopController = new AbortController();
  private readonly buffered: HeldMessage[] = [];
  private readonly running = new Set<HeldMessage>();
  /** FIFO queues only: which message groups have a message running. */
  private readonly groupGate: MessageGroupGate | undefined;
  /** FIFO: releases of failed groups' buffered messages still on their way (settles, never rejects). */
  private groupReleases: Promise<void> = Promise.resolve();
  private reserved = 0;
  private capacityWaiters: Array<() => void> = [];
  private idleWaiters: Array<() => void> = [];
  private loops: Promise<void>[] = [];
  private heartbeat: NodeJS.Timeout | undefined;
  /** The heartbeat's SQS calls in flight, if any (settles, never rejects). */
  private heartbeatInFlight: Promise<void> = Promise.resolve();
  private stopping: Promise<void> | undefined;
  private counts = { received: 0, succeeded: 0, failed: 0, released: 0 };
  private fatalError: NonRetryableReceiveError | undefined;
  private settleFinished: { resolve: () => void; reject: (error: Error) => void } = { resolve: () => undefined, reject: () => undefined };
  /**
   * Settles once the poller has drained: resolves after {@link SqsPoller.stop}, rejects with the
   * {@link NonRetryableReceiveError} that made the poller stop itself (the process should exit non-zero).
   */
  readonly finished: Promise<void> = new Promise((resolve, reject) => (this.settleFinished = { resolve, reject }));

  constructor(private readonly options: SqsPollerOptions) {
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${this.concurrency}`);
    }
    this.capacity = this.concurrency + (options.prefetch ?? DEFAULT_PREFETCH);
    this.receiveBatchSize = Math.min(SQS_LIMITS.maxBatchEntries, this.capacity);
    this.logger = options.logger ?? new Logger({ serviceName: 'sqs-poller' });
    this.groupGate = options.fifo ?? isFifoQueueUrl(options.queueUrl) ? new MessageGroupGate() : undefined;
    this.deletes = new DeleteBatcher({
      sqs: options.sqs,
      queueUrl: options.queueUrl,
      logger: this.logger,
      flushIntervalMs: options.deleteFlushIntervalMs,
    });
    // Handled here so an unobserved rejection cannot crash the process; observers still see it.
    this.finished.catch(() => undefined);
  }

  /** A snapshot of the counters. */
  stats(): SqsPollerStats {
    return { ...this.counts, deleted: this.deletes.deleted };
  }

  /** Starts the receive loops and the heartbeat. Call once. */
  start(): void {
    if (this.loops.length > 0 || this.stopping !== undefined) throw new Error('SqsPoller.start() was already called');
    // Enough loops that every slot can be refilled by a receive already waiting on SQS.
    const loopCount = Math.ceil(this.capacity / SQS_LIMITS.maxBatchEntries);
    for (let i = 0; i < loopCount; i++) this.loops.push(this.receiveLoop());
    // Check often enough that no held message gets within a quarter of its timeout unextended.
    const heartbeatMs = Math.max(250, this.options.visibilityTimeoutSeconds * 1000 * VISIBILITY_HEARTBEAT.intervalFraction);
    this.heartbeat = setInterval(() => void this.extendExpiringMessages(), heartbeatMs);
    this.logger.info('poller started', { queueUrl: this.options.queueUrl, concurrency: this.concurrency, loopCount });
  }

  /**
   * Drains: stops receiving, releases received-but-unstarted messages (visibility 0, receivable
   * again at once), waits for running jobs, flushes deletes. Idempotent.
   */
  stop(): Promise<void> {
    this.stopping ??= this.drain();
    return this.stopping;
  }

  private async drain(): Promise<void> {
    this.logger.info('poller stopping', { running: this.running.size, buffered: this.buffered.length });
    // Aborting an outstanding long poll: a response SQS was already sending is redelivered after its visibility timeout, never lost.
    this.stopController.abort();
    this.wakeReceiveLoops();
    await Promise.all(this.loops);
    await this.releaseBuffered();
    await this.waitUntilIdle();
    await this.groupReleases;
    await this.deletes.flush();
    clearInterval(this.heartbeat);
    this.logger.info('poller stopped', { ...this.stats() });
    if (this.fatalError === undefined) this.settleFinished.resolve();
    else this.settleFinished.reject(this.fatalError);
  }

  private get held(): number {
    return this.buffered.length + this.running.size + this.reserved;
  }

  private async receiveLoop(): Promise<void> {
    const signal = this.stopController.signal;
    let consecutiveErrors = 0;
    while (!signal.aborted) {
      if (this.capacity - this.held < this.receiveBatchSize) {
        await new Promise<void>((resolve) => this.capacityWaiters.push(resolve));
        continue;
      }
      this.reserved += this.receiveBatchSize;
      let messages: Message[];
      try {
        const response = await this.options.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.options.queueUrl,
            MaxNumberOfMessages: this.receiveBatchSize,
            WaitTimeSeconds: this.options.waitTimeSeconds ?? SQS_LIMITS.maxWaitTimeSeconds,
            MessageSystemAttributeNames: this.groupGate === undefined
              ? ['ApproximateReceiveCount']
              : ['ApproximateReceiveCount', MESSAGE_GROUP_ID_ATTRIBUTE],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: signal },
        );
        messages = response.Messages ?? [];
        consecutiveErrors = 0;
      } catch (error) {
        this.reserved -= this.receiveBatchSize;
        if (signal.aborted) return;
        if (isNonRetryableReceiveError(error)) {
          this.stopForGood(new NonRetryableReceiveError(this.options.queueUrl, error));
          return;
        }
        consecutiveErrors += 1;
        const delayMs = fullJitterDelayMs(consecutiveErrors, this.options.errorBackoff ?? DEFAULT_ERROR_BACKOFF);
        this.logger.warn('receive failed; backing off', { error: error as Error, consecutiveErrors, delayMs });
        // Rejects with an AbortError when stop() aborts the wait; the loop then ends.
        await sleep(delayMs, undefined, { signal }).catch(() => undefined);
        continue;
      }
      this.reserved -= this.receiveBatchSize;
      const receivedAtMs = Date.now();
      for (const message of messages) {
        if (message.ReceiptHandle === undefined) continue;
        this.counts.received += 1;
        this.buffered.push({
          message,
          receiptHandle: message.ReceiptHandle,
          visibleAtMs: receivedAtMs + this.options.visibilityTimeoutSeconds * 1000,
          finished: false,
          timedOut: false,
        });
      }
      this.dispatch();
    }
  }

  /** A receive failed in a way retrying cannot fix: stop receiving and drain, then reject `finished`. */
  private stopForGood(error: NonRetryableReceiveError): void {
    this.fatalError ??= error;
    this.logger.error('receive failed with a non-retryable error: stopping the poller', {
      errorName: error.errorName,
      error,
    });
    void this.stop();
  }

  private dispatch(): void {
    while (this.stopping === undefined && this.running.size < this.concurrency && this.buffered.length > 0) {
      const index = this.groupGate === undefined ? 0 : this.groupGate.nextStartable(this.buffered);
      if (index < 0) return; // FIFO: every buffered message waits for a running one of its group
      const [held] = this.buffered.splice(index, 1);
      if (held !== undefined) this.run(held);
    }
  }

  /** Runs one job; its slot stays taken until the job settles, even past its timeout. */
  private run(held: HeldMessage): void {
    this.running.add(held);
    this.groupGate?.started(held);
    const timeoutTimer = this.armJobTimeout(held);
    void Promise.resolve()
      .then(() =>
        this.options.processMessage(held.message, {
          stopHeartbeat: async () => {
            held.finished = true;
            await this.heartbeatInFlight;
          },
        }),
      )
      .then(
        () => this.recordOutcome(held, { succeeded: true }),
        (error: unknown) => this.recordOutcome(held, { succeeded: false, error }),
      )
      .finally(() => {
        clearTimeout(timeoutTimer);
        this.running.delete(held);
        this.groupGate?.settled(held);
        this.dispatch();
        this.wakeReceiveLoops();
        if (this.running.size === 0) this.wakeIdleWaiters();
      });
  }

  /** Marks the job timed out when it outlives `jobTimeoutMs`; the job itself keeps running. */
  private armJobTimeout(held: HeldMessage): NodeJS.Timeout | undefined {
    const timeoutMs = this.options.jobTimeoutMs;
    if (timeoutMs === undefined) return undefined;
    return setTimeout(() => {
      held.timedOut = true;
      this.logger.warn('job timed out: its message will not be deleted; the job keeps its slot until it settles', {
        error: new JobTimeoutError(held.message.MessageId ?? '?', timeoutMs),
        messageId: held.message.MessageId,
      });
    }, timeoutMs);
  }

  /** Deletes the message of a job that succeeded in time; anything else is left for SQS to redeliver. */
  private recordOutcome(held: HeldMessage, outcome: JobOutcome): void {
    held.finished = true;
    if (outcome.succeeded && !held.timedOut) {
      this.counts.succeeded += 1;
      this.deletes.add(held.receiptHandle);
      return;
    }
    this.counts.failed += 1;
    this.logger.warn('message not processed; left for SQS to redeliver', {
      messageId: held.message.MessageId,
      timedOut: held.timedOut,
      ...(outcome.succeeded ? {} : { error: outcome.error as Error }),
    });
    if (this.groupGate !== undefined) {
      const release = this.release(this.groupGate.takeRestOfGroup(this.buffered, held));
      this.groupReleases = Promise.all([this.groupReleases, release]).then(() => undefined);
    }
  }

  private wakeReceiveLoops(): void {
    const waiters = this.capacityWaiters;
    this.capacityWaiters = [];
    for (const wake of waiters) wake();
  }

  private wakeIdleWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  private waitUntilIdle(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async releaseBuffered(): Promise<void> {
    // FIFO: newest first, for the same reason as MessageGroupGate.takeRestOfGroup.
    const unstarted = this.groupGate === undefined ? this.buffered.splice(0) : this.buffered.splice(0).reverse();
    await this.release(unstarted);
  }

  /** Makes received-but-unstarted messages receivable again at once (visibility 0). */
  private async release(unstarted: readonly HeldMessage[]): Promise<void> {
    if (unstarted.length === 0) return;
    try {
      const refused = await changeVisibilityInBatches(
        this.options.sqs,
        this.options.queueUrl,
        unstarted.map((held) => ({ receiptHandle: held.receiptHandle, visibilityTimeoutSeconds: 0 })),
      );
      this.counts.released += unstarted.length - refused;
    } catch (error) {
      this.logger.warn('could not release unstarted messages; they reappear after their visibility timeout', {
        error: error as Error,
        count: unstarted.length,
      });
    }
  }

  /**
   * Heartbeat: re-arms the visibility timeout of held messages past half of it. A message whose job
   * finished, or that called `stopHeartbeat`, is skipped (its disposition may set a retry backoff);
   * the filter and the calls happen with no await in between, and `stopHeartbeat` waits for calls
   * already sent, so no extension lands after a backoff.
   */
  private async extendExpiringMessages(): Promise<void> {
    const now = Date.now();
    const rearmBelowMs = this.options.visibilityTimeoutSeconds * 1000 * VISIBILITY_HEARTBEAT.rearmBelowFraction;
    const expiring = [...this.running, ...this.buffered].filter(
      (held) => !held.finished && held.visibleAtMs - now <= rearmBelowMs,
    );
    if (expiring.length === 0) return;
    const extension = this.sendExtensions(expiring, now);
    this.heartbeatInFlight = Promise.all([this.heartbeatInFlight, extension]).then(() => undefined);
    await extension;
  }

  private async sendExtensions(expiring: readonly HeldMessage[], now: number): Promise<void> {
    try {
      await changeVisibilityInBatches(
        this.options.sqs,
        this.options.queueUrl,
        expiring.map((held) => ({
          receiptHandle: held.receiptHandle,
          visibilityTimeoutSeconds: this.options.visibilityTimeoutSeconds,
        })),
      );
      for (const held of expiring) held.visibleAtMs = now + this.options.visibilityTimeoutSeconds * 1000;
    } catch (error) {
      this.logger.warn('visibility heartbeat failed', { error: error as Error, count: expiring.length });
    }
  }
}
