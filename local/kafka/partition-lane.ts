/**
 * One partition of the local MSK event-source runner: its records queue here and go to the handler
 * one batch at a time, so the partition (and each key on it) keeps its order. A batch starts when it
 * is full or when its batching window closes; a lane that is already draining takes the newcomers
 * itself. The lane never holds a finished drain: `running` is reset after every drain, and records
 * that arrived during its last commit are scheduled again, so a lane fed while live never stalls.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** A record of one partition, in offset order. */
export interface LaneRecord {
  readonly offset: bigint;
}

/** Props of {@link PartitionLane}. */
export interface PartitionLaneProps<TRecord extends LaneRecord> {
  /** Most records per batch (`BatchSize`). */
  readonly batchSize: number;
  /** How long a partial batch waits for more records (`MaximumBatchingWindowInSeconds`), in ms. */
  readonly batchingWindowMs: number;
  /** Runs one batch to completion (invoke, retries, dead-letter, commit). A rejection puts the batch back. */
  readonly runBatch: (records: readonly TRecord[]) => Promise<void>;
  /** Told why a batch is put back. @default nothing */
  readonly onBatchError?: (error: unknown, records: readonly TRecord[]) => void;
  /** Pause before a put-back batch is tried again. @default 1000 */
  readonly retryDelayMs?: number;
}

/** The queue and the one in-flight batch of a partition. */
export class PartitionLane<TRecord extends LaneRecord> {
  /** Next offset after the last completed batch. */
  done: bigint;
  private readonly queue: TRecord[] = [];
  private running: Promise<void> | undefined;
  private windowTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Next offset not queued yet: a re-created fetch stream re-delivers from the committed offset, and those records are queued or done already. */
  private nextToQueue: bigint;

  constructor(
    firstOffset: bigint,
    private readonly props: PartitionLaneProps<TRecord>,
  ) {
    this.done = firstOffset;
    this.nextToQueue = firstOffset;
  }

  /** Nothing queued and no batch in flight. */
  get idle(): boolean {
    return this.running === undefined && this.queue.length === 0;
  }

  /** Queues a record (a redelivered one is ignored) and starts a batch when it is full, or arms the window. */
  accept(record: TRecord): void {
    if (record.offset < this.nextToQueue) return;
    this.nextToQueue = record.offset + 1n;
    this.queue.push(record);
    this.schedule();
  }

  /** Stops starting batches and waits for the one in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearWindow();
    await this.running;
  }

  private schedule(): void {
    if (this.queue.length >= this.props.batchSize) this.start();
    else if (this.queue.length > 0) this.windowTimer ??= setTimeout(() => this.start(), this.props.batchingWindowMs);
  }

  private start(): void {
    this.clearWindow();
    if (this.running !== undefined || this.queue.length === 0 || this.stopped) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (!this.stopped) this.schedule();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.stopped) {
      const records = this.queue.splice(0, this.props.batchSize);
      try {
        await this.props.runBatch(records);
        this.done = (records[records.length - 1] as TRecord).offset + 1n;
      } catch (error) {
        this.props.onBatchError?.(error, records);
        this.queue.unshift(...records);
        await sleep(this.props.retryDelayMs ?? 1_000);
      }
    }
  }

  private clearWindow(): void {
    if (this.windowTimer !== undefined) clearTimeout(this.windowTimer);
    this.windowTimer = undefined;
  }
}
