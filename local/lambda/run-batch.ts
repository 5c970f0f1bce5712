/**
 * One batch of a stream event source (Kinesis shard, Kafka partition) run to completion, the way the
 * event source mapping does it: expired records discarded first, then invoke; then checkpoint, retry
 * (bisected halves or the cut after a partial failure) or discard, per batch-retry-policy.ts. Both
 * local runners (Kinesis, MSK) use this loop; each supplies its own invoke and discard.
 */
import { decideNextStep, freshBatch, splitExpiredRecords, type DiscardCondition, type InvocationOutcome, type NextStep, type PendingBatch, type RetryPolicy } from './batch-retry-policy';

/** What one source brings to the loop. */
export interface BatchRunSource<TRecord> {
  readonly policy: RetryPolicy;
  /** `MaximumRecordAgeInSeconds` (−1: no limit). */
  readonly maximumRecordAgeSeconds: number;
  /** When the record arrived in the stream (epoch ms). */
  readonly arrivalEpochMs: (record: TRecord) => number;
  readonly now: () => number;
  /** Invokes the handler on `batch` (whose invokeCount already counts this invocation). */
  readonly invoke: (batch: PendingBatch<TRecord>) => Promise<InvocationOutcome>;
  /** Gives up on `batch`: to the on-failure destination, or dropped. `lastInvocationThrew`: the handler failed (not a partial response). */
  readonly discard: (batch: PendingBatch<TRecord>, condition: DiscardCondition, lastInvocationThrew: boolean) => Promise<void>;
  /** Records in batches (or batch prefixes) the handler completed; incremented here. */
  readonly counters: { recordsCompleted: number };
  /** How many records one entry counts for in `counters` (a KPL aggregate: its user records). @default 1 */
  readonly recordCountOf?: (record: TRecord) => number;
}

/** Records a step still has to retry or discard (the rest of its batch was completed). */
function recordsCarriedOn<TRecord>(step: NextStep<TRecord>, count: (records: readonly TRecord[]) => number): number {
  if (step.kind === 'retry') return step.batches.reduce((sum, batch) => sum + count(batch.records), 0);
  if (step.kind === 'discard') return count(step.batch.records);
  return 0;
}

/** Runs `records` (consecutive records of one shard or partition) until every one is completed or discarded. */
export async function runBatchToCompletion<TRecord>(records: readonly TRecord[], source: BatchRunSource<TRecord>): Promise<void> {
  const countOf = source.recordCountOf ?? ((): number => 1);
  const count = (entries: readonly TRecord[]): number => entries.reduce((sum, entry) => sum + countOf(entry), 0);
  const work: PendingBatch<TRecord>[] = [freshBatch(records)];
  while (work.length > 0) {
    const next = work.shift() as PendingBatch<TRecord>;
    const { expired, live } = splitExpiredRecords(next.records, source.arrivalEpochMs, source.now(), source.maximumRecordAgeSeconds);
    if (expired.length > 0) await source.discard({ ...next, records: expired }, 'RecordAgeExceeded', false);
    if (live.length === 0) continue;
    const batch = { ...next, records: live, invokeCount: next.invokeCount + 1 };
    const outcome = await source.invoke(batch);
    const step = decideNextStep(batch, outcome, source.policy);
    if (outcome.kind === 'partialFailure') source.counters.recordsCompleted += count(batch.records) - recordsCarriedOn(step, count);
    if (step.kind === 'completed') source.counters.recordsCompleted += count(batch.records);
    if (step.kind === 'retry') work.unshift(...step.batches);
    if (step.kind === 'discard') await source.discard(step.batch, step.condition, outcome.kind === 'functionError');
  }
}
