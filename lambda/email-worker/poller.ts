/**
 * A fast, generic SQS consumer for long-running tasks (the Fargate worker's engine). Several
 * long-poll loops keep a bounded worker pool full, so receiving overlaps processing; finished
 * messages are deleted in batches; slow ones get a visibility heartbeat; `stop()` drains.
 */
import { ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import { jitteredBackoffMs, sleep } from './backoff';
import { DeleteBatcher } from './delete-batcher';
import { JobTimeoutError } from './errors';
import { SQS_MAX_BATCH_ENTRIES, SQS_MAX_WAIT_TIME_SECONDS } from './sqs-limits';
import { changeVisibilityInBatches } from './visibility';

/** How an {@link SqsPoller} consumes its queue. */
export interface SqsPollerOptions {
  /** The client every SQS call goes through (inject one pointed at an emulator in tests). */
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  /** Processes one message; resolving deletes it, throwing leaves it to SQS (retry, then DLQ). */
  readonly processMessage: (message: Message) => Promise<void>;
  /** The queue's visibility timeout in seconds; the heartbeat extends held messages by this much. */
  readonly visibilityTimeoutSeconds: number;
  /** Messages processed at once. @default 10 */
  readonly concurrency?: number;
  /** Messages received ahead of free workers, so a worker never waits for a receive. @default 10 */
  readonly prefetch?: number;
  /** Long-poll wait per receive. @default 20 (the SQS maximum: fewest empty receives) */
  readonly waitTimeSeconds?: number;
  /** A job still running after this long counts as failed (not deleted). @default undefined (no limit) */
  readonly jobTimeoutMs?: number;
  /** Longest a finished message waits before its delete batch is sent. @default 50 */
  readonly deleteFlushIntervalMs?: number;
  /** Receive-error backoff (full jitter). @default { baseMs: 200, capMs: 20000 } */
  readonly errorBackoff?: { readonly baseMs: number; readonly capMs: number };
  /** @default a Powertools Logger with service name `sqs-poller` */
  readonly logger?: Logger;
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
}

const DEFAULT_CONCURRENCY = 10;
const DEFAULT_PREFETCH = SQS_MAX_BATCH_ENTRIES;
const DEFAULT_ERROR_BACKOFF = { baseMs: 200, capMs: 20_000 };

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
  private reserved = 0;
  private capacityWaiters: Array<() => void> = [];
  private idleWaiters: Array<() => void> = [];
  private loops: Promise<void>[] = [];
  private heartbeat: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | undefined;
  private counts = { received: 0, succeeded: 0, failed: 0, released: 0 };

  constructor(private readonly options: SqsPollerOptions) {
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${this.concurrency}`);
    }
    this.capacity = this.concurrency + (options.prefetch ?? DEFAULT_PREFETCH);
    this.receiveBatchSize = Math.min(SQS_MAX_BATCH_ENTRIES, this.capacity);
    this.logger = options.logger ?? new Logger({ serviceName: 'sqs-poller' });
    this.deletes = new DeleteBatcher({
      sqs: options.sqs,
      queueUrl: options.queueUrl,
      logger: this.logger,
      flushIntervalMs: options.deleteFlushIntervalMs,
    });
  }

  /** A snapshot of the counters. */
  stats(): SqsPollerStats {
    return { ...this.counts, deleted: this.deletes.deleted };
  }

  /** Starts the receive loops and the heartbeat. Call once. */
  start(): void {
    if (this.loops.length > 0 || this.stopping !== undefined) throw new Error('SqsPoller.start() was already called');
    // Enough loops that every slot can be refilled by a receive already waiting on SQS.
    const loopCount = Math.ceil(this.capacity / SQS_MAX_BATCH_ENTRIES);
    for (let i = 0; i < loopCount; i++) this.loops.push(this.receiveLoop());
    // Check often enough that no held message gets within a quarter of its timeout unextended.
    const heartbeatMs = Math.max(250, (this.options.visibilityTimeoutSeconds * 1000) / 4);
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
    await this.deletes.flush();
    clearInterval(this.heartbeat);
    this.logger.info('poller stopped', { ...this.stats() });
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
            WaitTimeSeconds: this.options.waitTimeSeconds ?? SQS_MAX_WAIT_TIME_SECONDS,
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: signal },
        );
        messages = response.Messages ?? [];
        consecutiveErrors = 0;
      } catch (error) {
        this.reserved -= this.receiveBatchSize;
        if (signal.aborted) return;
        consecutiveErrors += 1;
        const delayMs = jitteredBackoffMs(consecutiveErrors, this.options.errorBackoff ?? DEFAULT_ERROR_BACKOFF);
        this.logger.warn('receive failed; backing off', { error: error as Error, consecutiveErrors, delayMs });
        await sleep(delayMs, signal);
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
        });
      }
      this.dispatch();
    }
  }

  private dispatch(): void {
    while (this.stopping === undefined && this.running.size < this.concurrency && this.buffered.length > 0) {
      const held = this.buffered.shift();
      if (held !== undefined) this.run(held);
    }
  }

  private run(held: HeldMessage): void {
    this.running.add(held);
    void this.withTimeout(held)
      .then(
        () => {
          this.counts.succeeded += 1;
          this.deletes.add(held.receiptHandle);
        },
        (error: unknown) => {
          this.counts.failed += 1;
          this.logger.warn('message not processed; left for SQS to redeliver', {
            messageId: held.message.MessageId,
            error: error as Error,
          });
        },
      )
      .finally(() => {
        this.running.delete(held);
        this.dispatch();
        this.wakeReceiveLoops();
        if (this.running.size === 0) this.wakeIdleWaiters();
      });
  }

  private withTimeout(held: HeldMessage): Promise<void> {
    const job = Promise.resolve().then(() => this.options.processMessage(held.message));
    const timeoutMs = this.options.jobTimeoutMs;
    if (timeoutMs === undefined) return job;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new JobTimeoutError(held.message.MessageId ?? '?', timeoutMs)), timeoutMs);
    });
    return Promise.race([job, timeout]).finally(() => clearTimeout(timer));
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
    const unstarted = this.buffered.splice(0);
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

  /** Heartbeat: re-arms the visibility timeout of held messages past half of it. */
  private async extendExpiringMessages(): Promise<void> {
    const now = Date.now();
    const halfTimeoutMs = (this.options.visibilityTimeoutSeconds * 1000) / 2;
    const expiring = [...this.running, ...this.buffered].filter((held) => held.visibleAtMs - now <= halfTimeoutMs);
    if (expiring.length === 0) return;
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
