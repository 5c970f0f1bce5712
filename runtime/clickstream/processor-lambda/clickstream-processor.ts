/**
 * The clickstream processor's batch logic, with its dependencies injected (handler.ts wires the real
 * ones). Each record advances its user's session in DynamoDB, in shard order.
 *
 * Failure rules, and why:
 * - Per-user order matters, throughput too: records are grouped by partition key (userId). A key's
 *   records run one after another in shard order; different keys run concurrently, up to
 *   `maxConcurrentKeys` at once (see keyed-task-limiter.ts). Powertools runs every record's handler
 *   at once (`processInParallel: true`) and each handler waits for its key's turn.
 * - When a record fails for a transient reason (DynamoDB error), every later record of the same
 *   partition key in this batch is failed too, unapplied. Lambda checkpoints at the lowest failed
 *   sequence number and redelivers everything after it; had a later record been applied, its higher
 *   watermark would make the retry skip the failed one and lose it.
 * - Invalid records (bad JSON, schema violations, a partition key that is not the userId) are
 *   reported as batch item failures, not skipped: the event source's bounded retries and
 *   bisect-on-error isolate them and hand them to the on-failure destination (SQS), which keeps a
 *   durable pointer to each poison record instead of a log line only. They cannot stall a shard
 *   forever: retries are bounded (`retryAttempts`, `maxRecordAge`). They do not block the user's
 *   later records: an invalid record can never be applied, so there is no order to protect.
 * - Redelivered records are skipped by the sequence-number watermark (see session.ts).
 * - KPL aggregated records are deaggregated (Lambda does not do it): each user record is processed
 *   as above, on its own user's chain. A failure is reported under the aggregate's sequence number
 *   (Lambda checkpoints Kinesis records); the retry redelivers the whole aggregate and the
 *   watermark, which includes the sub-sequence number, skips the user records already applied.
 *   A corrupt aggregate (bad MD5) is an invalid record: none of it is applied.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type {
  Context,
  KinesisStreamBatchItemFailure,
  KinesisStreamBatchResponse,
  KinesisStreamEvent,
  KinesisStreamRecord,
} from 'aws-lambda';
import type { ClickstreamEvent } from '../../shared/clickstream-events';
import { decodeKinesisClickstreamRecord } from '../../shared/clickstream-record-codec';
import { deaggregateLambdaKinesisRecord, type LambdaKinesisUserRecord } from '../../shared/kpl/deaggregate-lambda-record';
import { KeyedTaskLimiter, validConcurrencyLimit } from './keyed-task-limiter';
import { advanceSession } from './session';
import { SessionWriteConflictError, type SessionStore } from './session-store';

/** Dependencies of the processor. */
export interface ClickstreamProcessorDependencies {
  readonly store: SessionStore;
  /** Inactivity (event time) after which a user's next event opens a new session. */
  readonly sessionTimeoutSeconds: number;
  readonly logger: Logger;
  /**
   * Receives `EventsProcessed` (applied), `InvalidEvents` and `RedeliveredEventsSkipped` (at or below
   * the watermark), published once per invocation.
   */
  readonly metrics: Metrics;
  /**
   * Partition keys (users) processed concurrently within one batch; each key's records stay serial.
   * @default 16 - at ~10-20 ms per GetItem + PutItem pair, ~800-1,600 records/s per shard: the
   * 1,000 records/s a shard can ingest; and well under the SDK's 50 sockets per client
   */
  readonly maxConcurrentKeys?: number;
}

/**
 * A record's partition key is not its event's `userId`: per-user ordering would not hold. Plain
 * `Error`: the record becomes a batch item failure, never a process exit.
 */
export class PartitionKeyMismatchError extends Error {
  override readonly name = 'PartitionKeyMismatchError';

  constructor(
    readonly partitionKey: string,
    readonly userId: string,
  ) {
    super(`Record partition key "${partitionKey}" is not the event's userId "${userId}"`);
  }
}

/** A record was not applied because an earlier record of the same user failed in this batch. Plain `Error`: a batch item failure. */
export class PrecedingRecordFailedError extends Error {
  override readonly name = 'PrecedingRecordFailedError';

  constructor(
    readonly partitionKey: string,
    readonly sequenceNumber: string,
  ) {
    super(`Record ${sequenceNumber} of "${partitionKey}" held back: an earlier record of that key failed`);
  }
}

/** See `maxConcurrentKeys`: about one shard's ingest rate (1,000 records/s) of DynamoDB round trips. */
const DEFAULT_MAX_CONCURRENT_KEYS = 16;

/** Two tries are enough to get past one overlapping writer; more means something is wrong. */
const MAX_SAVE_ATTEMPTS = 3;

/** Builds the Lambda handler function around the given dependencies. */
export function createClickstreamProcessor(
  dependencies: ClickstreamProcessorDependencies,
): (event: KinesisStreamEvent, context: Context) => Promise<KinesisStreamBatchResponse> {
  const { metrics } = dependencies;
  // Checked when the processor is built, not on the first batch.
  const maxConcurrentKeys = validConcurrencyLimit(dependencies.maxConcurrentKeys ?? DEFAULT_MAX_CONCURRENT_KEYS);
  return async (event, context) => {
    const counts = { processed: 0, invalid: 0, redelivered: 0 };
    const batch: BatchState = {
      dependencies,
      counts,
      failedPartitionKeys: new Set<string>(),
      // One per batch: its chains and slots belong to this invocation (one shard's batch, as in AWS).
      limiter: new KeyedTaskLimiter(maxConcurrentKeys),
    };
    const processor = new BatchProcessor(EventType.KinesisDataStreams);
    try {
      const response = await processPartialResponse(event, (record: KinesisStreamRecord) => processKinesisRecord(batch, record), processor, {
        context,
        processInParallel: true,
      });
      return { batchItemFailures: inShardOrder(response.batchItemFailures, event.Records) };
    } finally {
      metrics.addMetric('EventsProcessed', MetricUnit.Count, counts.processed);
      metrics.addMetric('InvalidEvents', MetricUnit.Count, counts.invalid);
      metrics.addMetric('RedeliveredEventsSkipped', MetricUnit.Count, counts.redelivered);
      metrics.publishStoredMetrics();
    }
  };
}

/** What the records of one batch share. */
interface BatchState {
  readonly dependencies: ClickstreamProcessorDependencies;
  readonly counts: { processed: number; invalid: number; redelivered: number };
  /** Partition keys (users) with a failed user record in this batch: their later records are held back. */
  readonly failedPartitionKeys: Set<string>;
  readonly limiter: KeyedTaskLimiter;
}

/**
 * One Kinesis record: each of its user records (one, or many out of a KPL aggregate) is queued on
 * its user's chain right away, before any await, so Powertools' in-order calls keep per-user
 * order across records. The record fails (Powertools reports its sequence number, the only
 * identifier Lambda accepts) if any user record failed; the siblings that were applied stay
 * applied, and on the retry their watermark skips them, so the outcome is exact.
 */
function processKinesisRecord(batch: BatchState, record: KinesisStreamRecord): Promise<void> {
  let userRecords: LambdaKinesisUserRecord[];
  try {
    userRecords = deaggregateLambdaKinesisRecord(record.kinesis);
  } catch (error) {
    // Not half-applied: none of a corrupt aggregate's user records is decoded or applied.
    reportInvalid(batch, record, error as Error);
    return Promise.reject(error as Error);
  }
  const outcomes = userRecords.map((userRecord) =>
    batch.limiter.run(userRecord.partitionKey, () => processUserRecord(batch, record, userRecord)),
  );
  return Promise.allSettled(outcomes).then((settled) => {
    const failure = settled.find((outcome) => outcome.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
  });
}

async function processUserRecord(batch: BatchState, record: KinesisStreamRecord, userRecord: LambdaKinesisUserRecord): Promise<void> {
  const { partitionKey, sequenceNumber } = userRecord;
  if (batch.failedPartitionKeys.has(partitionKey)) throw new PrecedingRecordFailedError(partitionKey, sequenceNumber);
  let clickstreamEvent: ClickstreamEvent;
  try {
    clickstreamEvent = decodeUserRecord(userRecord);
  } catch (error) {
    reportInvalid(batch, record, error as Error, userRecord);
    throw error;
  }
  try {
    const subSequenceNumber = userRecord.aggregated ? userRecord.subSequenceNumber : undefined;
    const applied = await applyEvent(batch.dependencies, clickstreamEvent, sequenceNumber, subSequenceNumber);
    if (applied) batch.counts.processed += 1;
    else batch.counts.redelivered += 1;
  } catch (error) {
    batch.failedPartitionKeys.add(partitionKey);
    batch.dependencies.logger.error('Failed to apply clickstream record; later records of its key are held back', {
      sequenceNumber,
      subSequenceNumber: userRecord.subSequenceNumber,
      partitionKey,
      error: error as Error,
    });
    throw error;
  }
}

/** Counts and logs an invalid user record, or a corrupt aggregate (one count: nothing inside it can be trusted). */
function reportInvalid(batch: BatchState, record: KinesisStreamRecord, error: Error, userRecord?: LambdaKinesisUserRecord): void {
  batch.counts.invalid += 1;
  batch.dependencies.logger.warn('Invalid clickstream record, reported as a batch item failure', {
    sequenceNumber: record.kinesis.sequenceNumber,
    ...(userRecord?.aggregated === true ? { subSequenceNumber: userRecord.subSequenceNumber } : {}),
    partitionKey: userRecord?.partitionKey ?? record.kinesis.partitionKey,
    eventSourceRecordId: record.eventID,
    reason: error.message,
  });
}

/** Powertools lists failures as they happen; shard order makes the response read like the batch. */
function inShardOrder(
  failures: readonly KinesisStreamBatchItemFailure[],
  records: readonly KinesisStreamRecord[],
): KinesisStreamBatchItemFailure[] {
  const position = new Map(records.map((record, index) => [record.kinesis.sequenceNumber, index]));
  const positionOf = (failure: KinesisStreamBatchItemFailure): number =>
    position.get(failure.itemIdentifier) ?? records.length;
  return [...failures].sort((first, second) => positionOf(first) - positionOf(second));
}

function decodeUserRecord(userRecord: LambdaKinesisUserRecord): ClickstreamEvent {
  const clickstreamEvent = decodeKinesisClickstreamRecord(userRecord);
  if (clickstreamEvent.userId !== userRecord.partitionKey) {
    throw new PartitionKeyMismatchError(userRecord.partitionKey, clickstreamEvent.userId);
  }
  return clickstreamEvent;
}

/**
 * Applies one event to its user's session; false when it was already applied (a redelivery).
 * `subSequenceNumber` is the user record's position in a KPL aggregate, when it came out of one.
 * Shared with the Kafka sessionizer, which passes the record's offset as `sequenceNumber`.
 */
export async function applyEvent(
  { store, sessionTimeoutSeconds }: ClickstreamProcessorDependencies,
  event: ClickstreamEvent,
  sequenceNumber: string,
  subSequenceNumber?: number,
): Promise<boolean> {
  for (let attempt = 1; ; attempt += 1) {
    const previous = await store.load(event.userId);
    const advance = advanceSession(previous, { event, sequenceNumber, subSequenceNumber }, sessionTimeoutSeconds);
    if (advance.kind === 'already-applied') return false;
    try {
      await store.save(advance.next, previous);
      return true;
    } catch (error) {
      if (!(error instanceof SessionWriteConflictError) || attempt >= MAX_SAVE_ATTEMPTS) throw error;
    }
  }
}
