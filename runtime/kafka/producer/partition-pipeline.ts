/**
 * Pipelines produce requests without giving up per-key order: each request carries records of one
 * partition, a partition never has two requests in flight, and up to `maxInFlight` requests (of
 * different partitions) are outstanding at once, as Java's producer keeps up to five.
 *
 * Why one request per partition at a time: a key lives on one partition, so order can only break
 * there. If a later request of a partition were in flight while an earlier one is retried, the
 * later one could land first. Java prevents that with idempotence (the broker rejects a sequence
 * gap); here there is simply nothing to overtake, whatever the client retries.
 */

/** Options of {@link sendInPartitionPipeline}. */
export interface PartitionPipelineOptions<TRecord> {
  /** Each partition's records, in the order they must be written. */
  readonly partitions: ReadonlyMap<number, readonly TRecord[]>;
  /** Most records per request. */
  readonly batchSize: number;
  /** Most requests outstanding at once (never two of one partition). */
  readonly maxInFlight: number;
  /** Sends one request (records of one partition) and resolves once it is acknowledged. */
  readonly send: (partition: number, records: readonly TRecord[]) => Promise<void>;
  /** Called after each acknowledged request with the records acknowledged so far. @default nothing */
  readonly onBatchSent?: (sent: number) => void;
}

/** Sends every record; resolves with how many were acknowledged, rejects on the first failed request. */
export async function sendInPartitionPipeline<TRecord>(options: PartitionPipelineOptions<TRecord>): Promise<number> {
  const order = [...options.partitions.keys()];
  const next = new Map<number, number>(order.map((partition) => [partition, 0]));
  const busy = new Set<number>();
  let cursor = 0;
  let sent = 0;
  let failed = false;

  /**
   * The next idle partition with records left (round robin, so no partition waits for the others
   * to run dry), taking its next batch; undefined when there is none.
   */
  const takeBatch = (): { partition: number; records: readonly TRecord[] } | undefined => {
    for (let step = 0; step < order.length; step += 1) {
      const partition = order[(cursor + step) % order.length] ?? 0;
      const records = options.partitions.get(partition) ?? [];
      const start = next.get(partition) ?? 0;
      if (busy.has(partition) || start >= records.length) continue;
      cursor = (cursor + step + 1) % order.length;
      next.set(partition, start + options.batchSize);
      busy.add(partition);
      return { partition, records: records.slice(start, start + options.batchSize) };
    }
    return undefined;
  };

  // A lane stops when no idle partition has records left: the lanes still busy own the rest, and
  // each of them picks its own partition again after its acknowledgement.
  const lane = async (): Promise<void> => {
    for (let batch = takeBatch(); batch !== undefined && !failed; batch = takeBatch()) {
      try {
        await options.send(batch.partition, batch.records);
      } catch (error) {
        failed = true;
        throw error;
      }
      busy.delete(batch.partition);
      sent += batch.records.length;
      options.onBatchSent?.(sent);
    }
  };
  const lanes = Math.max(1, Math.min(options.maxInFlight, options.partitions.size));
  await Promise.all(Array.from({ length: lanes }, lane));
  return sent;
}
