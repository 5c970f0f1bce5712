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

/** A record's partition key is not its event's `userId`: per-user ordering would not hold. */
export class PartitionKeyMismatchError extends Error {
  override readonly name = 'PartitionKeyMismatchError';

  constructor(
    readonly partitionKey: string,
    readonly userId: string,
  ) {
    super(`Record partition key "${partitionKey}" is not the event's userId "${userId}"`);
  }
}

/** A record was not applied because an earlier record of the same user failed in this batch. */
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
  const { logger, metrics } = dependencies;
  // Checked when the processor is built, not on the first batch.
  const maxConcurrentKeys = validConcurrencyLimit(dependencies.maxConcurrentKeys ?? DEFAULT_MAX_CONCURRENT_KEYS);
  return async (event, context) => {
    const failedPartitionKeys = new Set<string>();
    // One per batch: its chains and slots belong to this invocation (one shard's batch, as in AWS).
    const limiter = new KeyedTaskLimiter(maxConcurrentKeys);
    const counts = { processed: 0, invalid: 0, redelivered: 0 };
    const processor = new BatchProcessor(EventType.KinesisDataStreams);
    const processRecord = async (record: KinesisStreamRecord): Promise<void> => {
      const { partitionKey, sequenceNumber } = record.kinesis;
      if (failedPartitionKeys.has(partitionKey)) throw new PrecedingRecordFailedError(partitionKey, sequenceNumber);
      let clickstreamEvent: ClickstreamEvent;
      try {
        clickstreamEvent = decodeRecord(record);
      } catch (error) {
        counts.invalid += 1;
        logger.warn('Invalid clickstream record, reported as a batch item failure', {
          sequenceNumber,
          partitionKey,
          eventSourceRecordId: record.eventID,
          reason: (error as Error).message,
        });
        throw error;
      }
      try {
        const applied = await applyEvent(dependencies, clickstreamEvent, sequenceNumber);
        if (applied) counts.processed += 1;
        else counts.redelivered += 1;
      } catch (error) {
        failedPartitionKeys.add(partitionKey);
        logger.error('Failed to apply clickstream record; later records of its key are held back', {
          sequenceNumber,
          partitionKey,
          error: error as Error,
        });
        throw error;
      }
    };
    const processInKeyOrder = (record: KinesisStreamRecord): Promise<void> =>
      limiter.run(record.kinesis.partitionKey, () => processRecord(record));
    try {
      const response = await processPartialResponse(event, processInKeyOrder, processor, {
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

function decodeRecord(record: KinesisStreamRecord): ClickstreamEvent {
  const clickstreamEvent = decodeKinesisClickstreamRecord(record.kinesis);
  if (clickstreamEvent.userId !== record.kinesis.partitionKey) {
    throw new PartitionKeyMismatchError(record.kinesis.partitionKey, clickstreamEvent.userId);
  }
  return clickstreamEvent;
}

/**
 * Applies one event to its user's session; false when it was already applied (a redelivery).
 * Shared with the Kafka sessionizer, which passes the record's offset as `sequenceNumber`.
 */
export async function applyEvent(
  { store, sessionTimeoutSeconds }: ClickstreamProcessorDependencies,
  event: ClickstreamEvent,
  sequenceNumber: string,
): Promise<boolean> {
  for (let attempt = 1; ; attempt += 1) {
    const previous = await store.load(event.userId);
    const advance = advanceSession(previous, { event, sequenceNumber }, sessionTimeoutSeconds);
    if (advance.kind === 'already-applied') return false;
    try {
      await store.save(advance.next, previous);
      return true;
    } catch (error) {
      if (!(error instanceof SessionWriteConflictError) || attempt >= MAX_SAVE_ATTEMPTS) throw error;
    }
  }
}
