/**
 * ClickstreamProducer: puts clickstream events on a Kinesis stream with PutRecords, partition key =
 * userId, without losing or reordering any user's events.
 *
 * Why at most one in-flight record per user: PutRecords can fail some entries and succeed others.
 * If a user's event 1 is throttled while their event 2 in the same (or a concurrent) call succeeds,
 * retrying event 1 writes it after event 2: an order inversion nobody downstream can undo. So a
 * user's next event is only sent once the previous one is written (PartitionKeyQueues), and every
 * call carries at most one record per user. Throughput comes from spreading a call over many users
 * (up to 500 records) and, when more users are ready than one call holds, from a few concurrent
 * calls.
 *
 * A busy user (a bot, a load test, a viral page) would go one call at a time that way. So a user's
 * backlog (the events waiting behind the one in flight) is packed into one KPL aggregated record of
 * at most the record size limit, with that user as partition key: the same shard, and one Kinesis
 * record that is written or retried whole, so the order holds (see kinesis-entry.ts). Consumers
 * must deaggregate (runtime/shared/kpl); the per-shard limits count Kinesis records, not events.
 *
 * Only the failed entries of a partial failure are retried, each after its own exponential backoff
 * with full jitter, up to `maxAttempts`. An entry that still fails is reported as undeliverable,
 * together with that user's later events (reason `PrecedingRecordUndeliverable`): they are held
 * back rather than delivered out of sequence with a gap.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PutRecordsCommand, type KinesisClient, type PutRecordsResultEntry } from '@aws-sdk/client-kinesis';
import type { ClickstreamEvent } from '../../shared/clickstream-events';
import { KINESIS_LIMITS } from '../../shared/aws-limits';
import { fullJitterDelayMs } from '../../shared/backoff';
import { absorbInto, entryData, entryOf, type AggregationMode, type KinesisEntry } from './kinesis-entry';
import { PartitionKeyQueues } from './partition-key-queues';
import { prepareRecords, type PreparedRecord } from './prepare-records';
import { describeCallFailure, PRECEDING_RECORD_UNDELIVERABLE, type EntryFailure } from './put-failures';
import { ConfigurationError } from '../../shared/errors';

/** Progress of one `send`, reported after every PutRecords call that carried its records. */
export interface ProducerProgress {
  readonly total: number;
  readonly sent: number;
  readonly undeliverable: number;
  /** PutRecords calls that carried at least one of this send's records. */
  readonly calls: number;
}

/** An event that could not be written, and why. */
export interface UndeliverableRecord {
  /** Position in the `send` input. */
  readonly index: number;
  readonly event: ClickstreamEvent;
  /** Kinesis `ErrorCode` (e.g. ProvisionedThroughputExceededException), the SDK error name, or PrecedingRecordUndeliverable. */
  readonly errorCode: string;
  readonly errorMessage: string;
  /** PutRecords attempts made for this record (0 when it was held back). */
  readonly attempts: number;
}

/** The outcome of one `send`. */
export interface ProducerResult {
  readonly sent: number;
  readonly undeliverable: readonly UndeliverableRecord[];
  /** PutRecords calls that carried at least one of this send's records. */
  readonly calls: number;
}

/** Options of ClickstreamProducer. */
export interface ClickstreamProducerOptions {
  /** Kinesis client (runtime/shared/aws-clients `kinesisClient()` in the CLI, a fake in unit tests). */
  readonly client: KinesisClient;
  /** Name of the stream to write to. */
  readonly streamName: string;
  /**
   * PutRecords attempts per record, the first one included.
   * @default 10
   */
  readonly maxAttempts?: number;
  /**
   * Backoff ceiling of the first retry, in milliseconds.
   * @default 100
   */
  readonly baseDelayMs?: number;
  /**
   * Cap on one backoff delay, in milliseconds.
   * @default 5000
   */
  readonly maxDelayMs?: number;
  /**
   * PutRecords calls in flight at once.
   * @default 4
   */
  readonly maxConcurrentCalls?: number;
  /**
   * Largest record accepted (data + partition key), in bytes. Raise it only after raising the
   * stream's with UpdateMaxRecordSize; at most 5 MiB so that every record fits a PutRecords call.
   * @default 1 MiB (the Kinesis default maximum record size)
   */
  readonly maxRecordBytes?: number;
  /**
   * Whether a partition key's backlog travels as one KPL aggregated record (see AggregationMode).
   * Consumers must deaggregate; this project's all do.
   * @default 'auto'
   */
  readonly aggregation?: AggregationMode;
  /**
   * Waits between attempts; injectable for tests.
   * @default setTimeout
   */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * Uniform random numbers in [0, 1) for the jitter; injectable for tests.
   * @default Math.random
   */
  readonly random?: () => number;
}

/** Options of one `send`. */
export interface SendOptions {
  /**
   * Called after each PutRecords call that carried this send's records.
   * @default no progress reporting
   */
  readonly onProgress?: (progress: ProducerProgress) => void;
}

/** A producer option is out of range. */
export class InvalidProducerOptionError extends ConfigurationError {
  // A literal, not the class name: the bundles are minified.
  override readonly name = 'InvalidProducerOptionError';
  constructor(
    readonly option: string,
    readonly value: number,
    readonly expected: string,
  ) {
    super(`ClickstreamProducer option ${option} must be ${expected}, got ${value}`);
  }
}

/** 10 attempts with a 100 ms base and a 5 s cap ride out several seconds of shard throttling. */
const DEFAULT_MAX_ATTEMPTS = 10;
const DEFAULT_BASE_DELAY_MS = 100;
const DEFAULT_MAX_DELAY_MS = 5000;
/** A few calls in flight keep a many-user send busy without flooding the shards' 1,000 records/s each. */
const DEFAULT_MAX_CONCURRENT_CALLS = 4;

/** Book-keeping of one `send` call. */
interface SendTracker {
  readonly total: number;
  sent: number;
  readonly undeliverable: UndeliverableRecord[];
  calls: number;
  readonly onProgress?: (progress: ProducerProgress) => void;
  readonly resolve: (result: ProducerResult) => void;
}

/** A prepared record with the send it belongs to. */
interface QueuedRecord extends PreparedRecord {
  readonly tracker: SendTracker;
}

/** One Kinesis record to put: one event, or a key's backlog aggregated. */
type QueuedEntry = KinesisEntry<QueuedRecord>;

/** Puts clickstream events on a Kinesis stream in order per user. Share one instance per process. */
export class ClickstreamProducer {
  private readonly client: KinesisClient;
  private readonly streamName: string;
  private readonly maxAttempts: number;
  private readonly backoff: { readonly baseDelayMs: number; readonly maxDelayMs: number };
  private readonly maxConcurrentCalls: number;
  private readonly maxRecordBytes: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  // Shared by all sends, so concurrent sends of one user's events cannot overtake each other either.
  private readonly queues = new PartitionKeyQueues<QueuedEntry>();
  private readonly aggregation: AggregationMode;
  private callsInFlight = 0;
  private halt: EntryFailure | undefined;

  constructor(options: ClickstreamProducerOptions) {
    this.client = options.client;
    this.streamName = options.streamName;
    this.maxAttempts = positiveInteger('maxAttempts', options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    this.backoff = {
      baseDelayMs: nonNegative('baseDelayMs', options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS),
      maxDelayMs: nonNegative('maxDelayMs', options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS),
    };
    this.maxConcurrentCalls = positiveInteger('maxConcurrentCalls', options.maxConcurrentCalls ?? DEFAULT_MAX_CONCURRENT_CALLS);
    this.maxRecordBytes = positiveInteger('maxRecordBytes', options.maxRecordBytes ?? KINESIS_LIMITS.defaultMaxRecordBytes);
    if (this.maxRecordBytes > KINESIS_LIMITS.maxBytesPerPutRecords) {
      throw new InvalidProducerOptionError('maxRecordBytes', this.maxRecordBytes, `at most ${KINESIS_LIMITS.maxBytesPerPutRecords} (5 MiB, one PutRecords request)`);
    }
    this.aggregation = options.aggregation ?? 'auto';
    this.sleep = options.sleep ?? sleep;
    this.random = options.random ?? Math.random;
  }

  /**
   * Sends the events; resolves when each one is written or reported undeliverable (never rejects
   * for delivery failures).
   * @throws InvalidClickstreamBatchError before sending anything, if any event is invalid or too large.
   */
  async send(events: readonly unknown[], options: SendOptions = {}): Promise<ProducerResult> {
    const records = prepareRecords(events, this.maxRecordBytes);
    if (records.length === 0) return { sent: 0, undeliverable: [], calls: 0 };
    return new Promise<ProducerResult>((resolve) => {
      const tracker: SendTracker = { total: records.length, sent: 0, undeliverable: [], calls: 0, onProgress: options.onProgress, resolve };
      for (const prepared of records) {
        const record: QueuedRecord = { ...prepared, tracker };
        this.queues.enqueue(entryOf(record, this.aggregation, this.maxRecordBytes), (last) =>
          absorbInto(last, record, this.aggregation, this.maxRecordBytes),
        );
      }
      this.dispatch();
    });
  }

  /**
   * The call-level error retrying cannot fix (no region or credentials, no such stream, access
   * denied) that stopped this producer, if any: every call would fail the same way, so it sends
   * nothing more and reports every queued and later record undeliverable with that error.
   */
  get haltedBy(): EntryFailure | undefined {
    return this.halt;
  }

  /** Starts calls while there is room: a second concurrent call only when it can be a full one. */
  private dispatch(): void {
    if (this.halt !== undefined) {
      this.failReadyRecords(this.halt);
      return;
    }
    while (this.callsInFlight < this.maxConcurrentCalls && this.queues.readyCount > 0) {
      const canFillACall =
        this.queues.readyCount >= KINESIS_LIMITS.maxRecordsPerPutRecords ||
        this.queues.readyBytes >= KINESIS_LIMITS.maxBytesPerPutRecords;
      // Small calls in parallel would only cost more calls; wait for the running one instead.
      if (this.callsInFlight > 0 && !canFillACall) return;
      const batch = this.queues.takeBatch(KINESIS_LIMITS.maxRecordsPerPutRecords, KINESIS_LIMITS.maxBytesPerPutRecords);
      this.callsInFlight += 1;
      void this.putBatch(batch).finally(() => {
        this.callsInFlight -= 1;
        this.dispatch();
      });
    }
  }

  private async putBatch(batch: readonly QueuedEntry[]): Promise<void> {
    const trackers = new Set(batch.flatMap((entry) => entry.records.map((record) => record.tracker)));
    for (const tracker of trackers) tracker.calls += 1;
    for (const entry of batch) entry.attempts += 1;
    const { failures, callFailure } = await this.putRecords(batch);
    if (callFailure !== undefined && !callFailure.retryable) this.halt ??= callFailure;
    const heldBackTrackers = new Set<SendTracker>();
    batch.forEach((entry, position) => {
      const failure = failures[position];
      if (failure === undefined) this.delivered(entry);
      else if (failure.retryable && entry.attempts < this.maxAttempts) void this.retryLater(entry);
      else for (const tracker of this.giveUp(entry, failure)) heldBackTrackers.add(tracker);
    });
    // The sends that carried the failure first: a send settled only by held-back events lists the cause second.
    for (const tracker of [...trackers, ...heldBackTrackers]) this.report(tracker);
  }

  /**
   * Reports the records of every ready key undeliverable with `failure` (head first, as giveUp
   * does). Keys with a record in flight or in backoff are settled when it comes back: dispatch
   * runs again then.
   */
  private failReadyRecords(failure: EntryFailure): void {
    for (const partitionKey of this.queues.readyKeyList()) {
      for (const entry of this.queues.removeKey(partitionKey)) {
        for (const record of entry.records) {
          const reason = `not sent: an earlier call failed with an error retrying cannot fix: ${failure.errorMessage}`;
          this.undeliverable(record, entry.attempts, failure.errorCode, reason);
          this.report(record.tracker);
        }
      }
    }
  }

  /** One PutRecords call; returns the failure of each entry (undefined = written) and the call's own, if it failed whole. */
  private async putRecords(batch: readonly QueuedEntry[]): Promise<{ failures: (EntryFailure | undefined)[]; callFailure?: EntryFailure }> {
    try {
      const output = await this.client.send(
        new PutRecordsCommand({
          StreamName: this.streamName,
          Records: batch.map((entry) => ({
            Data: entryData(entry, this.aggregation, this.maxRecordBytes),
            PartitionKey: entry.partitionKey,
          })),
        }),
      );
      const entries: readonly PutRecordsResultEntry[] = output.Records ?? [];
      return { failures: batch.map((_, position) => entryFailure(entries[position])) };
    } catch (error) {
      const failure = describeCallFailure(error);
      return { failures: batch.map(() => failure), callFailure: failure };
    }
  }

  private delivered(entry: QueuedEntry): void {
    for (const record of entry.records) record.tracker.sent += 1;
    this.queues.completeHead(entry.partitionKey);
  }

  private async retryLater(entry: QueuedEntry): Promise<void> {
    await this.sleep(fullJitterDelayMs(entry.attempts, this.backoff, this.random));
    this.queues.retryHead(entry.partitionKey);
    this.dispatch();
  }

  /**
   * Records the entry's events and the rest of its key's queue as undeliverable (head first);
   * returns the sends of the held-back events, for the caller to report after the call's own.
   */
  private giveUp(entry: QueuedEntry, failure: EntryFailure): Set<SendTracker> {
    const [head, ...heldBack] = this.queues.removeKey(entry.partitionKey);
    if (head !== entry) throw new Error(`Internal error: ${entry.partitionKey}'s failed record is not its queue head`);
    for (const record of entry.records) this.undeliverable(record, entry.attempts, failure.errorCode, failure.errorMessage);
    const failedEventId = entry.records[0].event.eventId;
    const heldBackTrackers = new Set<SendTracker>();
    for (const later of heldBack.flatMap((laterEntry) => laterEntry.records)) {
      this.undeliverable(
        later,
        0,
        PRECEDING_RECORD_UNDELIVERABLE,
        `held back to keep ${later.partitionKey}'s order: an earlier event (${failedEventId}) could not be delivered`,
      );
      heldBackTrackers.add(later.tracker);
    }
    return heldBackTrackers;
  }

  private undeliverable(record: QueuedRecord, attempts: number, errorCode: string, errorMessage: string): void {
    record.tracker.undeliverable.push({ index: record.index, event: record.event, errorCode, errorMessage, attempts });
  }

  private report(tracker: SendTracker): void {
    const settled = tracker.sent + tracker.undeliverable.length;
    tracker.onProgress?.({ total: tracker.total, sent: tracker.sent, undeliverable: tracker.undeliverable.length, calls: tracker.calls });
    if (settled === tracker.total) {
      const undeliverable = [...tracker.undeliverable].sort((a, b) => a.index - b.index);
      tracker.resolve({ sent: tracker.sent, undeliverable, calls: tracker.calls });
    }
  }
}

/** Sends events with a one-off producer; see ClickstreamProducer. */
export async function putClickstreamEvents(
  events: readonly unknown[],
  options: ClickstreamProducerOptions & SendOptions,
): Promise<ProducerResult> {
  return new ClickstreamProducer(options).send(events, options);
}

function entryFailure(entry: PutRecordsResultEntry | undefined): EntryFailure | undefined {
  if (entry === undefined) {
    return { errorCode: 'MissingResultEntry', errorMessage: 'PutRecords returned no result for this entry', retryable: true };
  }
  if (entry.ErrorCode === undefined) return undefined;
  // Kinesis documents ProvisionedThroughputExceededException and InternalFailure here; both are
  // transient, and an unknown code is retried too (attempts are bounded).
  return { errorCode: entry.ErrorCode, errorMessage: entry.ErrorMessage ?? '', retryable: true };
}

function positiveInteger(option: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new InvalidProducerOptionError(option, value, 'a positive integer');
  return value;
}

function nonNegative(option: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new InvalidProducerOptionError(option, value, 'a finite number ≥ 0');
  return value;
}
