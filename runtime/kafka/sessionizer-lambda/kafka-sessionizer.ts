/**
 * The Kafka sessionizer's batch logic: the clickstream processor's domain code (session rules,
 * redelivery-safe conditional writes, per-key ordering) behind an MSK event adapter. Only the
 * transport differs from the Kinesis processor:
 * - records come grouped by `<topic>-<partition>`, in offset order; the record key is the userId;
 * - the idempotency watermark is the record's offset. A user is one key, so one partition, and
 *   offsets only grow within a partition: "offset ≤ watermark" means "already applied", exactly
 *   like a Kinesis sequence number within a shard. (Adding partitions to the topic moves keys to
 *   other partitions; like resharding without Kinesis's parent/child ordering, so don't, or reset
 *   the session table.)
 * - the partial batch response names `<topic>-<partition>-<offset>`.
 *
 * Failure rules (as in clickstream-processor.ts): an invalid record is reported, and the event
 * source's retries, bisect and on-failure destination deal with it; a transient failure also fails
 * every later record of the same key in this batch, so a retry cannot skip it.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, MSKEvent, MSKRecord } from 'aws-lambda';
import { applyEvent, PartitionKeyMismatchError, PrecedingRecordFailedError } from '../../clickstream/processor-lambda/clickstream-processor';
import { KeyedTaskLimiter, validConcurrencyLimit } from '../../clickstream/processor-lambda/keyed-task-limiter';
import type { SessionStore } from '../../clickstream/processor-lambda/session-store';
import type { ClickstreamEvent } from '../../shared/clickstream-events';
import { decodeClickstreamRecordData } from '../../shared/clickstream-record-codec';
import { kafkaItemIdentifier, kafkaRecordName, recordKey, recordsInPartitionOrder, type KafkaBatchResponse } from './msk-records';

export type { KafkaBatchResponse } from './msk-records';

/** Dependencies of the sessionizer. */
export interface KafkaSessionizerDependencies {
  readonly store: SessionStore;
  /** Inactivity (event time) after which a user's next event opens a new session. */
  readonly sessionTimeoutSeconds: number;
  readonly logger: Logger;
  /** Receives `EventsProcessed`, `InvalidEvents` and `RedeliveredEventsSkipped` once per invocation. */
  readonly metrics: Metrics;
  /**
   * Keys (users) processed concurrently within one batch; each key's records stay serial.
   * @default 16 - the Kinesis processor's value: about a partition's worth of DynamoDB round trips
   */
  readonly maxConcurrentKeys?: number;
}

/**
 * A record without a key cannot be ordered per user (the producer always keys by userId). Plain
 * `Error`: the batch below catches it and reports the record as a batch item failure.
 */
export class MissingRecordKeyError extends Error {
  override readonly name = 'MissingRecordKeyError';

  constructor(readonly recordName: string) {
    super(`Record ${recordName} has no key; the clickstream is keyed by userId`);
  }
}

const DEFAULT_MAX_CONCURRENT_KEYS = 16;

/** Builds the Lambda handler function around the given dependencies. */
export function createKafkaSessionizer(
  dependencies: KafkaSessionizerDependencies,
): (event: MSKEvent, context: Context) => Promise<KafkaBatchResponse> {
  const maxConcurrentKeys = validConcurrencyLimit(dependencies.maxConcurrentKeys ?? DEFAULT_MAX_CONCURRENT_KEYS);
  return async (event) => new SessionizerInvocation(dependencies, maxConcurrentKeys).run(recordsInPartitionOrder(event));
}

/** One invocation: its records, keys processed concurrently but each key's records in order, and its counts. */
class SessionizerInvocation {
  private readonly limiter: KeyedTaskLimiter;
  private readonly failedKeys = new Set<string>();
  private readonly failed = new Set<string>();
  private readonly counts = { processed: 0, invalid: 0, redelivered: 0 };

  constructor(
    private readonly dependencies: KafkaSessionizerDependencies,
    maxConcurrentKeys: number,
  ) {
    this.limiter = new KeyedTaskLimiter(maxConcurrentKeys);
  }

  async run(records: readonly MSKRecord[]): Promise<KafkaBatchResponse> {
    try {
      await Promise.all(records.map((record) => this.processOrReport(record)));
      // In batch order, so the response reads like the batch.
      return {
        batchItemFailures: records
          .filter((record) => this.failed.has(kafkaRecordName(record)))
          .map((record) => ({ itemIdentifier: kafkaItemIdentifier(record) })),
      };
    } finally {
      this.publishMetrics();
    }
  }

  /** Processes one record in its key's turn; a record that fails is noted for the partial batch response. */
  private async processOrReport(record: MSKRecord): Promise<void> {
    const key = recordKey(record);
    try {
      if (key === undefined) throw new MissingRecordKeyError(kafkaRecordName(record));
      await this.limiter.run(key, () => this.processRecord(record, key));
    } catch (error) {
      if (error instanceof MissingRecordKeyError) this.counts.invalid += 1;
      this.failed.add(kafkaRecordName(record));
    }
  }

  private async processRecord(record: MSKRecord, key: string): Promise<void> {
    const offset = String(record.offset);
    if (this.failedKeys.has(key)) throw new PrecedingRecordFailedError(key, offset);
    const clickstreamEvent = this.decodeOrWarn(record, key);
    try {
      if (await applyEvent(this.dependencies, clickstreamEvent, offset)) this.counts.processed += 1;
      else this.counts.redelivered += 1;
    } catch (error) {
      this.failedKeys.add(key);
      this.dependencies.logger.error('Failed to apply clickstream record; later records of its key are held back', {
        record: kafkaRecordName(record),
        key,
        error: error as Error,
      });
      throw error;
    }
  }

  private decodeOrWarn(record: MSKRecord, key: string): ClickstreamEvent {
    try {
      return decodeRecord(record, key);
    } catch (error) {
      this.counts.invalid += 1;
      this.dependencies.logger.warn('Invalid clickstream record, reported as a batch item failure', {
        record: kafkaRecordName(record),
        key,
        reason: (error as Error).message,
      });
      throw error;
    }
  }

  private publishMetrics(): void {
    const { metrics } = this.dependencies;
    metrics.addMetric('EventsProcessed', MetricUnit.Count, this.counts.processed);
    metrics.addMetric('InvalidEvents', MetricUnit.Count, this.counts.invalid);
    metrics.addMetric('RedeliveredEventsSkipped', MetricUnit.Count, this.counts.redelivered);
    metrics.publishStoredMetrics();
  }
}

function decodeRecord(record: MSKRecord, key: string): ClickstreamEvent {
  const clickstreamEvent = decodeClickstreamRecordData(record.value);
  if (clickstreamEvent.userId !== key) throw new PartitionKeyMismatchError(key, clickstreamEvent.userId);
  return clickstreamEvent;
}
