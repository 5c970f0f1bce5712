/**
 * A small local stand-in for Lambda's Kinesis event source mapping: it polls every shard, builds
 * AWS-shaped `KinesisStreamEvent`s and invokes the real handler in-process, following the mapping's
 * documented semantics (batch size, one batch in flight per shard, or per partition-key lane with
 * ParallelizationFactor > 1, partial batch responses, bisect, retries, record age, on-failure
 * destination). The decisions themselves live in `batch-retry-policy.ts`; this file only does I/O.
 *
 * Lambda does not deaggregate KPL records, so events, batch sizes, partial batch responses and
 * on-failure records are in Kinesis records (an aggregate is one record, named by its sequence
 * number), as in AWS. The runner's counters are in user records: what the producer wrote and what
 * the consumers handle, whatever the packing.
 *
 * It is a harness for the tests and npm start, not an emulator: no resharding, no checkpoint persistence, no
 * function timeout enforcement, no tumbling windows, and enhanced fan-out is read by polling
 * (kinesis-local has no SubscribeToShard).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type GetShardIteratorCommandInput,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import type { Context, KinesisStreamEvent } from 'aws-lambda';
import { classifyResponse, type DiscardCondition, type InvocationOutcome, type PendingBatch, type RetryPolicy } from '../../lambda/batch-retry-policy';
import { runBatchToCompletion } from '../../lambda/run-batch';
import type { KinesisEventSourceSettings } from './event-source-settings';
import { arrivalEpochMsOf, sequenceNumberOf, toKinesisStreamEvent, type ShardRecord } from './kinesis-stream-event';
import { createLambdaContext, type LocalFunctionIdentity } from '../../lambda/lambda-context';
import { buildOnFailureRecord, type KinesisOnFailureRecord } from './on-failure-record';
import { listShardIds, userRecordCountOf } from './read-whole-stream';
import { laneOfPartitionKey } from './partition-lanes';
import { RunnerNotCaughtUpError, UnsupportedMappingFeatureError } from './kinesis-event-source-errors';
import type { StreamEventSourceRunnerClock, StreamEventSourceRunnerCounts } from '../../lambda/stream-event-source-runner';

export { RunnerNotCaughtUpError, UnsupportedMappingFeatureError } from './kinesis-event-source-errors';

/** A Kinesis handler as Lambda calls it (response read as a partial batch response). */
export type KinesisHandler = (event: KinesisStreamEvent, context: Context) => Promise<unknown>;

/** Sends one on-failure record to the mapping's destination. */
export type OnFailureSender = (record: KinesisOnFailureRecord) => Promise<void>;

/** GetRecords returns at most 10,000 Kinesis records per call (Kinesis limit). */
const GET_RECORDS_LIMIT = 10_000;
/** 5 GetRecords calls per second per shard (Kinesis limit): poll each shard at most every 200 ms. */
const DEFAULT_POLL_INTERVAL_MS = 200;
/** Back-off after a throttled or failed GetRecords, as the Kinesis docs advise. */
const READ_ERROR_BACKOFF_MS = 1_000;

/** What to run. */
export interface KinesisEventSourceRunnerProps extends StreamEventSourceRunnerClock {
  readonly kinesis: KinesisClient;
  readonly streamName: string;
  /** The stream's ARN (named in on-failure records). */
  readonly streamArn: string;
  /** The mapping's `EventSourceArn`: the stream ARN, or the consumer ARN for enhanced fan-out. */
  readonly eventSourceArn: string;
  readonly settings: KinesisEventSourceSettings;
  readonly handler: KinesisHandler;
  readonly function: LocalFunctionIdentity;
  /** Where discarded batches are described. @default undefined (discarded records are dropped, as in AWS without a destination) */
  readonly onFailure?: OnFailureSender;
  /** The function's role ARN, copied into each record. @default a placeholder role ARN of the local account */
  readonly invokeIdentityArn?: string;
  /** Minimum time between two GetRecords calls on one shard. @default 200 (5 calls/s/shard, the Kinesis limit) */
  readonly pollIntervalMs?: number;
  /** Told how many shards polling started on (the live page draws their lanes before records arrive). @default nothing */
  readonly onShards?: (shards: number) => void;
}

/** Counters of one runner; record counts are user records (a KPL aggregate counts each user record it carries). */
export interface KinesisEventSourceRunnerStats extends StreamEventSourceRunnerCounts {
  /** User records in batches (or batch prefixes) the handler completed. */
  readonly recordsCompleted: number;
  /** User records given up on (sent to the on-failure destination, or dropped without one). */
  readonly recordsDiscarded: number;
  /** What the on-failure destination was sent, one per discarded batch, in Kinesis records as AWS writes it. */
  readonly onFailureRecords: readonly KinesisOnFailureRecord[];
}

/** The runner's lifecycle. */
export interface KinesisEventSourceRunner {
  /** Resolves once every shard has an iterator and polling has started. */
  start(): Promise<void>;
  /** Resolves when every shard has reached the tip (after this call) with no batch pending. */
  waitUntilCaughtUp(options?: { readonly timeoutMs?: number }): Promise<void>;
  /** Stops polling and waits for in-flight batches. Idempotent. */
  stop(): Promise<void>;
  stats(): KinesisEventSourceRunnerStats;
}

/** A Kinesis record waiting for its batch, with the number of user records it carries (for the counters). */
interface QueuedRecord extends ShardRecord {
  readonly userRecords: number;
}

interface Lane {
  readonly queue: QueuedRecord[];
  running: Promise<void> | undefined;
}

interface ShardState {
  readonly shardId: string;
  readonly lanes: Lane[];
  /** Time the last GetRecords that found the tip (empty page, 0 ms behind) was sent. */
  lastTipReadStartedAt: number;
}

/** Creates a runner for one mapping. */
export function createKinesisEventSourceRunner(props: KinesisEventSourceRunnerProps): KinesisEventSourceRunner {
  if (props.settings.tumblingWindowSeconds !== undefined) {
    throw new UnsupportedMappingFeatureError(props.function.functionName, `TumblingWindowInSeconds (${props.settings.tumblingWindowSeconds})`);
  }
  return new LocalKinesisEventSourceMapping(props);
}

/** One mapping played locally: one poller per shard feeding its lanes, each lane invoking the handler one batch at a time. */
class LocalKinesisEventSourceMapping implements KinesisEventSourceRunner {
  private readonly settings: KinesisEventSourceSettings;
  private readonly functionName: string;
  // The ARN the Lambda service would name in on-failure records.
  private readonly functionArn: string;
  private readonly origin: { readonly eventSourceArn: string; readonly awsRegion: string; readonly invokeIdentityArn: string };
  private readonly pollIntervalMs: number;
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private readonly policy: RetryPolicy;
  private readonly counters = { invocations: 0, failedInvocations: 0, recordsCompleted: 0, recordsDiscarded: 0 };
  private readonly onFailureRecords: KinesisOnFailureRecord[] = [];
  private readonly shards: ShardState[] = [];
  private readonly pollers: Promise<void>[] = [];
  private stopping = false;
  // Kinesis records read but not yet completed or discarded; bounds read-ahead memory.
  private bufferedKinesisRecords = 0;
  private readonly readAheadKinesisRecords: number;

  constructor(private readonly props: KinesisEventSourceRunnerProps) {
    const { settings } = props;
    this.settings = settings;
    this.functionName = props.function.functionName;
    this.functionArn = createLambdaContext(props.function).invokedFunctionArn;
    this.origin = {
      eventSourceArn: props.eventSourceArn,
      awsRegion: props.function.region,
      invokeIdentityArn: props.invokeIdentityArn ?? `arn:aws:iam::000000000000:role/${this.functionName}-local`,
    };
    this.pollIntervalMs = props.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.now = props.now ?? Date.now;
    this.log = props.log ?? (() => undefined);
    this.policy = {
      bisectBatchOnFunctionError: settings.bisectBatchOnFunctionError,
      maximumRetryAttempts: settings.maximumRetryAttempts,
      reportBatchItemFailures: settings.reportBatchItemFailures,
    };
    this.readAheadKinesisRecords = Math.max(GET_RECORDS_LIMIT, settings.batchSize * settings.parallelizationFactor * 2);
  }

  async start(): Promise<void> {
    const shardIds = await listShardIds(this.props.kinesis, this.props.streamName);
    const iterators = await Promise.all(shardIds.map((shardId) => this.iteratorFor(shardId, undefined)));
    shardIds.forEach((shardId, index) => {
      const shard: ShardState = {
        shardId,
        lanes: Array.from({ length: this.settings.parallelizationFactor }, () => ({ queue: [], running: undefined })),
        lastTipReadStartedAt: Number.NEGATIVE_INFINITY,
      };
      this.shards.push(shard);
      this.pollers.push(this.pollShard(shard, iterators[index]));
    });
    this.log(`${this.functionName}: polling ${shardIds.length} shard(s) of ${this.props.streamName} from ${this.settings.startingPosition}`);
    this.props.onShards?.(shardIds.length);
  }

  async waitUntilCaughtUp(options: { readonly timeoutMs?: number } = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? 120_000;
    const since = this.now();
    const deadline = Date.now() + timeoutMs;
    while (!this.isCaughtUp(since)) {
      if (Date.now() > deadline) throw new RunnerNotCaughtUpError(this.functionName, timeoutMs, this.stats());
      await sleep(this.pollIntervalMs / 2);
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.pollers);
  }

  stats(): KinesisEventSourceRunnerStats {
    return { ...this.counters, onFailureRecords: [...this.onFailureRecords] };
  }

  private async invoke(batch: PendingBatch<QueuedRecord>): Promise<InvocationOutcome> {
    this.counters.invocations += 1;
    try {
      const response = await this.props.handler(toKinesisStreamEvent(batch.records, this.origin), createLambdaContext(this.props.function));
      const outcome = classifyResponse(response, batch.records.map(sequenceNumberOf), this.settings.reportBatchItemFailures);
      if (outcome.kind !== 'success') this.counters.failedInvocations += 1;
      return outcome;
    } catch (error) {
      this.counters.failedInvocations += 1;
      return { kind: 'functionError', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }

  private async discard(batch: PendingBatch<QueuedRecord>, condition: DiscardCondition, lastInvocationThrew: boolean): Promise<void> {
    const userRecords = userRecordsIn(batch.records);
    this.counters.recordsDiscarded += userRecords;
    const record = buildOnFailureRecord({
      records: batch.records,
      streamArn: this.props.streamArn,
      functionArn: this.functionArn,
      condition,
      approximateInvokeCount: batch.invokeCount,
      lastInvocationThrew,
      discardedAt: new Date(this.now()),
    });
    this.onFailureRecords.push(record);
    const { shardId, startSequenceNumber, batchSize } = record.KinesisBatchInfo;
    this.log(
      `${this.functionName}: ${condition}: ${userRecords} user record(s) in ${batchSize} Kinesis record(s) of ${shardId} from ${startSequenceNumber} go to the on-failure destination`,
    );
    await this.props.onFailure?.(record);
  }

  /** Runs one batch to completion: invocations, retries, bisects and discards, in shard order. */
  private processBatch(records: readonly QueuedRecord[]): Promise<void> {
    return runBatchToCompletion(records, {
      policy: this.policy,
      maximumRecordAgeSeconds: this.settings.maximumRecordAgeSeconds,
      arrivalEpochMs: arrivalEpochMsOf,
      now: this.now,
      invoke: (batch) => this.invoke(batch),
      discard: (batch, condition, lastInvocationThrew) => this.discard(batch, condition, lastInvocationThrew),
      counters: this.counters,
      recordCountOf: (record) => record.userRecords,
    });
  }

  private async drainLane(lane: Lane): Promise<void> {
    while (lane.queue.length > 0) {
      // BatchSize counts Kinesis records, as Lambda's does: an aggregate takes one place whatever it carries.
      const records = lane.queue.splice(0, this.settings.batchSize);
      await this.processBatch(records);
      this.bufferedKinesisRecords -= records.length;
    }
    lane.running = undefined;
  }

  private startIdleLanes(shard: ShardState): void {
    for (const lane of shard.lanes) {
      if (lane.running === undefined && lane.queue.length > 0) lane.running = this.drainLane(lane);
    }
  }

  private async iteratorFor(shardId: string, afterSequenceNumber: string | undefined): Promise<string | undefined> {
    const { streamName } = this.props;
    const { startingPosition, startingPositionTimestamp } = this.settings;
    const input: GetShardIteratorCommandInput =
      afterSequenceNumber !== undefined
        ? { StreamName: streamName, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: afterSequenceNumber }
        : {
            StreamName: streamName,
            ShardId: shardId,
            ShardIteratorType: startingPosition,
            ...(startingPositionTimestamp === undefined ? {} : { Timestamp: new Date(startingPositionTimestamp * 1000) }),
          };
    return (await this.props.kinesis.send(new GetShardIteratorCommand(input))).ShardIterator;
  }

  private async pollShard(shard: ShardState, firstIterator: string | undefined): Promise<void> {
    let iterator = firstIterator;
    let lastSequenceNumber: string | undefined;
    while (!this.stopping && iterator !== undefined) {
      const startedAt = this.now();
      if (this.bufferedKinesisRecords >= this.readAheadKinesisRecords) {
        await sleep(this.pollIntervalMs);
        continue;
      }
      try {
        const page = await this.readPage(shard, iterator, startedAt);
        lastSequenceNumber = page.lastSequenceNumber ?? lastSequenceNumber;
        iterator = page.nextIterator;
      } catch (error) {
        const name = error instanceof Error ? error.name : 'Error';
        if (this.stopping) break;
        this.log(`${this.functionName}: GetRecords on ${shard.shardId} failed (${name}); backing off`);
        await sleep(READ_ERROR_BACKOFF_MS);
        // An expired iterator (5 minutes idle on AWS) is renewed right after the last record read.
        if (name === 'ExpiredIteratorException') iterator = await this.iteratorFor(shard.shardId, lastSequenceNumber);
      }
      await sleep(Math.max(0, this.pollIntervalMs - (this.now() - startedAt)));
    }
    await Promise.all(shard.lanes.map((lane) => lane.running));
  }

  /** One GetRecords call: its records go to their lanes, idle lanes start, and a read at the tip is noted. */
  private async readPage(
    shard: ShardState,
    iterator: string,
    startedAt: number,
  ): Promise<{ readonly nextIterator: string | undefined; readonly lastSequenceNumber: string | undefined }> {
    const page = await this.props.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: GET_RECORDS_LIMIT }));
    const records = (page.Records ?? []).map((record): QueuedRecord => {
      const shardRecord = { shardId: shard.shardId, record };
      return { ...shardRecord, userRecords: userRecordCountOf(shardRecord) };
    });
    for (const record of records) {
      // An aggregate's partition key is its user records' (the producer packs one key's backlog), so it keeps their lane.
      shard.lanes[laneOfPartitionKey(record.record.PartitionKey ?? '', this.settings.parallelizationFactor)]?.queue.push(record);
    }
    this.bufferedKinesisRecords += records.length;
    if (records.length === 0 && (page.MillisBehindLatest ?? 0) === 0) shard.lastTipReadStartedAt = startedAt;
    this.startIdleLanes(shard);
    const last = records[records.length - 1];
    return { nextIterator: page.NextShardIterator, lastSequenceNumber: last === undefined ? undefined : sequenceNumberOf(last) };
  }

  private isCaughtUp(since: number): boolean {
    return this.shards.every(
      (shard) => shard.lastTipReadStartedAt >= since && shard.lanes.every((lane) => lane.running === undefined && lane.queue.length === 0),
    );
  }
}

/** User records carried by `records`. */
function userRecordsIn(records: readonly QueuedRecord[]): number {
  return records.reduce((sum, record) => sum + record.userRecords, 0);
}
