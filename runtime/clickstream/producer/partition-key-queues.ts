/**
 * The producer's ordering device: one FIFO queue per partition key, of which only the head may be
 * in flight. A key's next record becomes ready only when its head was delivered (or given up on),
 * so no record can overtake an earlier one of the same key, whether in one PutRecords call, in
 * concurrent calls, or through a retry.
 */

/** What the queues need to know about an item. */
export interface KeyedItem {
  readonly partitionKey: string;
  /** Bytes this item adds to a PutRecords request. */
  readonly sizeBytes: number;
}

/** Per-key FIFO queues with a ready set (keys whose head may be sent now). */
export class PartitionKeyQueues<T extends KeyedItem> {
  private readonly queues = new Map<string, T[]>();
  // Insertion-ordered: keys that became ready first are sent first.
  private readonly readyKeys = new Set<string>();
  private readyBytesTotal = 0;

  /**
   * Adds an item behind the earlier ones of its key. With `absorb`, the key's last item is offered
   * the new one first, unless that last item is taken (in flight or waiting to be retried: it must
   * go again exactly as it went); `absorb` returns true when it merged the new item into it.
   */
  enqueue(item: T, absorb?: (last: T) => boolean): void {
    const key = item.partitionKey;
    const queue = this.queues.get(key);
    if (queue === undefined) {
      this.queues.set(key, [item]);
      this.markReady(key);
      return;
    }
    const last = queue[queue.length - 1];
    const lastIsTakenHead = queue.length === 1 && !this.readyKeys.has(key);
    if (absorb !== undefined && !lastIsTakenHead) {
      const sizeBefore = last.sizeBytes;
      if (absorb(last)) {
        if (queue.length === 1) this.readyBytesTotal += last.sizeBytes - sizeBefore;
        return;
      }
    }
    queue.push(item);
  }

  /** Number of keys whose head can be sent now. */
  get readyCount(): number {
    return this.readyKeys.size;
  }

  /** Keys whose head can be sent now (none of their items is in flight), in ready order. */
  readyKeyList(): string[] {
    return [...this.readyKeys];
  }

  /** Bytes of all ready heads. */
  get readyBytes(): number {
    return this.readyBytesTotal;
  }

  /**
   * Takes up to `maxItems` ready heads within `maxBytes` (one per key); their keys are in flight
   * until `completeHead`, `retryHead` or `removeKey`.
   */
  takeBatch(maxItems: number, maxBytes: number): T[] {
    const batch: T[] = [];
    let bytes = 0;
    for (const key of this.readyKeys) {
      if (batch.length >= maxItems) break;
      const head = this.head(key);
      if (bytes + head.sizeBytes > maxBytes) break;
      batch.push(head);
      bytes += head.sizeBytes;
      this.readyKeys.delete(key);
      this.readyBytesTotal -= head.sizeBytes;
    }
    return batch;
  }

  /** The in-flight head of `key` was delivered: its next item (if any) becomes ready. */
  completeHead(key: string): void {
    const queue = this.queues.get(key);
    queue?.shift();
    if (queue === undefined || queue.length === 0) {
      this.queues.delete(key);
    } else {
      this.markReady(key);
    }
  }

  /** The in-flight head of `key` may be sent again (after its backoff). */
  retryHead(key: string): void {
    this.markReady(key);
  }

  /** Removes the key's whole queue (head first) and returns it: used when its head is given up on. */
  removeKey(key: string): T[] {
    const queue = this.queues.get(key) ?? [];
    this.queues.delete(key);
    if (this.readyKeys.delete(key)) this.readyBytesTotal -= queue[0]?.sizeBytes ?? 0;
    return queue;
  }

  private markReady(key: string): void {
    if (this.readyKeys.has(key)) return;
    this.readyKeys.add(key);
    this.readyBytesTotal += this.head(key).sizeBytes;
  }

  private head(key: string): T {
    const head = this.queues.get(key)?.[0];
    if (head === undefined) throw new Error(`No queued item for partition key "${key}"`);
    return head;
  }
}
