/**
 * Runs async tasks one at a time per key, in the order they were submitted, while tasks of different
 * keys run concurrently, at most `maxConcurrency` at once overall. The processor keys tasks by
 * partition key (userId): a user's records keep shard order, and a busy shard is not limited to one
 * DynamoDB round trip at a time.
 *
 * Not the producer's PartitionKeyQueues: that one packs ready heads into size-bounded PutRecords
 * requests on demand; this one chains promises, which is what a per-record batch handler can await.
 */
import { ConfigurationError } from '../../shared/errors';

/** `maxConcurrency` is not a positive integer. */
export class InvalidConcurrencyLimitError extends ConfigurationError {
  // A literal, not the class name: the bundles are minified.
  override readonly name = 'InvalidConcurrencyLimitError';
  constructor(readonly maxConcurrency: number) {
    super(`maxConcurrency must be a positive integer, got ${maxConcurrency}`);
  }
}

/**
 * Returns `maxConcurrency` when it is a positive integer.
 * @throws InvalidConcurrencyLimitError otherwise.
 */
export function validConcurrencyLimit(maxConcurrency: number): number {
  if (!Number.isSafeInteger(maxConcurrency) || maxConcurrency < 1) {
    throw new InvalidConcurrencyLimitError(maxConcurrency);
  }
  return maxConcurrency;
}

/** Per-key serial, globally bounded execution of async tasks. */
export class KeyedTaskLimiter {
  /** Settles when the last submitted task of the key has settled (never rejects). */
  private readonly tails = new Map<string, Promise<void>>();
  /** Resolvers of tasks waiting for a free slot, first come first served. */
  private readonly waitingForSlot: (() => void)[] = [];
  private running = 0;

  readonly maxConcurrency: number;

  /** @param maxConcurrency tasks running at once across all keys (a positive integer). */
  constructor(maxConcurrency: number) {
    this.maxConcurrency = validConcurrencyLimit(maxConcurrency);
  }

  /**
   * Runs `task` after every earlier task of `key` has settled (fulfilled or rejected) and once a slot
   * is free.
   * @returns the task's own result or rejection.
   */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(() => this.inSlot(task));
    // The chain must go on after a failure: the next task decides itself what a failure means.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  private async inSlot<T>(task: () => Promise<T>): Promise<T> {
    await this.acquireSlot();
    try {
      return await task();
    } finally {
      this.releaseSlot();
    }
  }

  private acquireSlot(): Promise<void> {
    if (this.running < this.maxConcurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waitingForSlot.push(resolve));
  }

  private releaseSlot(): void {
    const next = this.waitingForSlot.shift();
    // Hand the slot straight to the next waiting task, so `running` never exceeds the limit.
    if (next === undefined) this.running -= 1;
    else next();
  }
}
