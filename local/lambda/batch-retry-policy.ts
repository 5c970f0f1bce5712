/**
 * The pure decision core of the local Kinesis event-source runner: what Lambda's event source mapping
 * does after an invocation (checkpoint, retry, bisect, discard to the on-failure destination).
 * No I/O here, so every rule is unit-tested without emulators.
 *
 * Sources (AWS Lambda developer guide, "Using Lambda with Kinesis"):
 * - partial batch response: the lowest reported sequence number becomes the checkpoint; empty/null
 *   `batchItemFailures` is a complete success; an empty, null or unknown `itemIdentifier` is a
 *   complete failure; the response is ignored unless `ReportBatchItemFailures` is enabled;
 * - `BisectBatchOnFunctionError` splits a failed batch in two, and "splitting batches doesn't
 *   consume the retry quota"; with a partial response the batch is cut at the returned number;
 * - `MaximumRetryAttempts` −1 means retry until the record expires;
 * - records older than `MaximumRecordAgeInSeconds` (−1: no limit) are discarded.
 * Kafka differs in one rule: its partial batch response lets "Lambda retry only the failed records"
 * (AWS Lambda developer guide, "Configuring error handling controls for Kafka event sources",
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html), not the whole rest
 * of the batch from the first failure: `partialBatchRetries: 'failedRecordsOnly'`.
 */

import { interpretBatchResponse } from './batch-outcome';

/** Why a batch went to the on-failure destination (the `requestContext.condition` AWS writes). */
export type DiscardCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

/** A run of consecutive records of one shard awaiting (re)invocation. */
export interface PendingBatch<TRecord> {
  readonly records: readonly TRecord[];
  /** Retries already spent on these records (bisecting does not spend any). */
  readonly retriesUsed: number;
  /** Invocations that have included these records so far (AWS's `approximateInvokeCount`). */
  readonly invokeCount: number;
}

/** What one invocation came to, once the handler's response has been read. */
export type InvocationOutcome =
  | { readonly kind: 'success' }
  | { readonly kind: 'functionError'; readonly reason: string }
  | {
      readonly kind: 'partialFailure';
      readonly firstFailedIndex: number;
      /** Every reported record's index, ascending (the first is `firstFailedIndex`). */
      readonly failedIndexes: readonly number[];
    };

/** What the runner must do next with the batch it just invoked. */
export type NextStep<TRecord> =
  | { readonly kind: 'completed' }
  /** Invoke these batches, in this order, before anything later in the shard. */
  | { readonly kind: 'retry'; readonly batches: readonly PendingBatch<TRecord>[] }
  /** Give up on these records: send them to the on-failure destination and move on. */
  | { readonly kind: 'discard'; readonly batch: PendingBatch<TRecord>; readonly condition: DiscardCondition };

/** The mapping settings that govern retries. */
export interface RetryPolicy {
  /** `BisectBatchOnFunctionError`. */
  readonly bisectBatchOnFunctionError: boolean;
  /** `MaximumRetryAttempts`; −1 retries until the record expires. */
  readonly maximumRetryAttempts: number;
  /** `FunctionResponseTypes` includes `ReportBatchItemFailures`. */
  readonly reportBatchItemFailures: boolean;
  /**
   * What a partial batch response sends back for retry: the records from the first failed one on
   * (Kinesis, DynamoDB streams), or only the reported records (Kafka).
   * @default 'fromFirstFailure'
   */
  readonly partialBatchRetries?: 'fromFirstFailure' | 'failedRecordsOnly';
}

/** A new batch, never invoked. */
export function freshBatch<TRecord>(records: readonly TRecord[]): PendingBatch<TRecord> {
  return { records, retriesUsed: 0, invokeCount: 0 };
}

/**
 * Reads a handler's response the way the event source mapping does. The response format and its
 * validity rules are the same for SQS and streams, so the SQS runner's reader does the parsing.
 * @param sequenceNumbers the batch's sequence numbers, in shard order
 */
export function classifyResponse(
  response: unknown,
  sequenceNumbers: readonly string[],
  reportBatchItemFailures: boolean,
): InvocationOutcome {
  const outcome = interpretBatchResponse(response, sequenceNumbers, reportBatchItemFailures);
  if (outcome.kind === 'all-succeeded') return { kind: 'success' };
  if (outcome.kind === 'all-failed') return { kind: 'functionError', reason: outcome.reason };
  // Lambda checkpoints at the lowest reported sequence number; the batch is in shard order.
  const failedIndexes = sequenceNumbers.flatMap((sequenceNumber, index) => (outcome.failedMessageIds.has(sequenceNumber) ? [index] : []));
  return { kind: 'partialFailure', firstFailedIndex: failedIndexes[0] ?? 0, failedIndexes };
}

function retriesExhausted(retriesUsed: number, maximumRetryAttempts: number): boolean {
  return maximumRetryAttempts !== -1 && retriesUsed > maximumRetryAttempts;
}

/** The retry/bisect/discard rule applied after one invocation of `batch`. */
export function decideNextStep<TRecord>(
  batch: PendingBatch<TRecord>,
  outcome: InvocationOutcome,
  policy: RetryPolicy,
): NextStep<TRecord> {
  if (outcome.kind === 'success') return { kind: 'completed' };

  if (outcome.kind === 'partialFailure') {
    // Records before the lowest failed sequence number are checkpointed; only the rest is retried
    // (on Kafka, only the reported records).
    const failedOnly = policy.partialBatchRetries === 'failedRecordsOnly';
    const remaining: PendingBatch<TRecord> = {
      records: failedOnly ? outcome.failedIndexes.flatMap((index) => batch.records.slice(index, index + 1)) : batch.records.slice(outcome.firstFailedIndex),
      retriesUsed: batch.retriesUsed + 1,
      invokeCount: batch.invokeCount,
    };
    return retriesExhausted(remaining.retriesUsed, policy.maximumRetryAttempts)
      ? { kind: 'discard', batch: remaining, condition: 'RetryAttemptsExhausted' }
      : { kind: 'retry', batches: [remaining] };
  }

  if (policy.bisectBatchOnFunctionError && batch.records.length > 1) {
    const middle = Math.ceil(batch.records.length / 2);
    const half = (records: readonly TRecord[]): PendingBatch<TRecord> => ({
      records,
      retriesUsed: batch.retriesUsed,
      invokeCount: batch.invokeCount,
    });
    return { kind: 'retry', batches: [half(batch.records.slice(0, middle)), half(batch.records.slice(middle))] };
  }

  const retried: PendingBatch<TRecord> = { ...batch, retriesUsed: batch.retriesUsed + 1 };
  return retriesExhausted(retried.retriesUsed, policy.maximumRetryAttempts)
    ? { kind: 'discard', batch: retried, condition: 'RetryAttemptsExhausted' }
    : { kind: 'retry', batches: [retried] };
}

/**
 * Splits off the leading records older than `MaximumRecordAgeInSeconds` (records of one shard
 * arrive in order, so the expired ones are a prefix).
 */
export function splitExpiredRecords<TRecord>(
  records: readonly TRecord[],
  arrivalEpochMs: (record: TRecord) => number,
  nowEpochMs: number,
  maximumRecordAgeSeconds: number,
): { readonly expired: readonly TRecord[]; readonly live: readonly TRecord[] } {
  if (maximumRecordAgeSeconds === -1) return { expired: [], live: records };
  const oldestAllowedMs = nowEpochMs - maximumRecordAgeSeconds * 1000;
  const firstLive = records.findIndex((record) => arrivalEpochMs(record) >= oldestAllowedMs);
  const cut = firstLive === -1 ? records.length : firstLive;
  return { expired: records.slice(0, cut), live: records.slice(cut) };
}
