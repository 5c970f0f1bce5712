import { DeleteMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '@aws-lambda-powertools/logger';
import { SQS_LIMITS } from '../aws-limits';

/** How a {@link DeleteBatcher} sends. */
export interface DeleteBatcherOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly logger: Logger;
  /** Longest a finished message waits for nine companions before its batch is sent anyway. @default 50 */
  readonly flushIntervalMs?: number;
}

/** 50 ms: long enough for a busy pool to fill a batch of 10, short enough to keep in-flight counts honest. */
const DEFAULT_FLUSH_INTERVAL_MS = 50;

/**
 * Collects receipt handles of finished messages and deletes them with DeleteMessageBatch: at once
 * when 10 are waiting, otherwise after a short timer. A failed delete is logged, not retried: the
 * message is redelivered after its visibility timeout and the idempotency store absorbs it.
 */
export class DeleteBatcher {
  private pending: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private deletedCount = 0;

  constructor(private readonly options: DeleteBatcherOptions) {}

  /** Messages SQS confirmed deleted so far. */
  get deleted(): number {
    return this.deletedCount;
  }

  /** Queues one receipt handle for deletion. */
  add(receiptHandle: string): void {
    this.pending.push(receiptHandle);
    if (this.pending.length >= SQS_LIMITS.maxBatchEntries) this.sendPending();
    else this.timer ??= setTimeout(() => this.sendPending(), this.options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS);
  }

  /** Sends whatever is pending and waits for every delete call still running. */
  async flush(): Promise<void> {
    this.sendPending();
    await Promise.all([...this.inFlight]);
  }

  private sendPending(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, SQS_LIMITS.maxBatchEntries);
      const call = this.deleteBatch(batch).finally(() => this.inFlight.delete(call));
      this.inFlight.add(call);
    }
  }

  private async deleteBatch(receiptHandles: readonly string[]): Promise<void> {
    try {
      const result = await this.options.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.options.queueUrl,
          Entries: receiptHandles.map((handle, index) => ({ Id: String(index), ReceiptHandle: handle })),
        }),
      );
      this.deletedCount += result.Successful?.length ?? 0;
      for (const failure of result.Failed ?? []) {
        this.options.logger.warn('delete refused; the message will be redelivered and deduplicated', {
          code: failure.Code,
          reason: failure.Message,
        });
      }
    } catch (error) {
      this.options.logger.warn('delete batch failed; its messages will be redelivered and deduplicated', {
        error: error as Error,
        count: receiptHandles.length,
      });
    }
  }
}
