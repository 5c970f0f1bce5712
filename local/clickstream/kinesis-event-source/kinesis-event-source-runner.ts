/**
 * A small local stand-in for Lambda's Kinesis event source mapping: it polls every shard, builds
 * AWS-shaped `KinesisStreamEvent`s and invokes the real handler in-process, following the mapping's
 * documented semantics (batch size, one batch in flight per shard, or per partition-key lane with
 * ParallelizationFactor > 1, partial batch responses, bisect, retries, record age, on-failure
 * destination). The decisions themselves live in `batch-retry-policy.ts`; this file only does I/O.
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
import { classifyResponse, type DiscardCondition, type InvocationOutcome, type PendingBatch } from '../../lambda/batch-retry-policy';
import { runBatchToCompletion } from '../../lambda/run-batch';
import type { KinesisEventSourceSettings } from './event-source-settings';
import { arrivalEpochMsOf, sequenceNumberOf, toKinesisStreamEvent, type ShardRecord } from './kinesis-stream-event';
import { createLambdaContext, type LocalFunctionIdentity } from '../../lambda/lambda-context';
import { buildOnFailureRecord, type KinesisOnFailureRecord } from './on-failure-record';
import { listShardIds } from './read-whole-stream';
import { laneOfPartitionKey } from './partition-lanes';
import type { StreamEventSourceRunnerClock, StreamEventSourceRunnerCounts } from '../../lambda/stream-event-source-runner';

/** A Kinesis handler as Lambda calls it (response read as a partial batch response). */
export type KinesisHandler = (event: KinesisStreamEvent, context: Context) => Promise<unknown>;

/** Sends one on-failure record to the mapping's destination. */
export type OnFailureSender = (record: KinesisOnFailureRecord) => Promise<void>;

/** GetRecords returns at most 10,000 records per call (Kinesis limit). */
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
}

/** Counters of one runner. */
export interface KinesisEventSourceRunnerStats extends StreamEventSourceRunnerCounts {
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

/** The runner did not catch up in time; carries where it stood. */
export class RunnerNotCaughtUpError extends Error {
  override readonly name = 'RunnerNotCaughtUpError';
  constructor(
    readonly functionName: string,
    readonly timeoutMs: number,
    readonly stats: KinesisEventSourceRunnerStats,
  ) {
    super(`${functionName} did not catch up with the stream within ${timeoutMs} ms (${stats.recordsCompleted} records completed)`);
  }
}

/** The mapping uses a feature this harness does not play. */
export class UnsupportedMappingFeatureError extends Error {
  override readonly name = 'UnsupportedMappingFeatureError';
  constructor(
    readonly functionName: string,
    readonly feature: string,
  ) {
    super(`${functionName}: ${feature} is not supported by the local Kinesis event-source runner`);
  }
}


interface Lane {
  readonly queue: ShardRecord[];
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
  const { settings } = props;
  const functionName = props.function.functionName;
  if (settings.tumblingWindowSeconds !== undefined) {
    throw new UnsupportedMappingFeatureError(functionName, `TumblingWindowInSeconds (${settings.tumblingWindowSeconds})`);
  }
  const region = props.function.region;
  // The ARN the Lambda service would name in on-failure records.
  const functionArn = createLambdaContext(props.function).invokedFunctionArn;
  const origin = {
    eventSourceArn: props.eventSourceArn,
    awsRegion: region,
    invokeIdentityArn: props.invokeIdentityArn ?? `arn:aws:iam::000000000000:role/${functionName}-local`,
  };
  const pollIntervalMs = props.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const now = props.now ?? Date.now;
  const log = props.log ?? (() => undefined);
  const policy = {
    bisectBatchOnFunctionError: settings.bisectBatchOnFunctionError,
    maximumRetryAttempts: settings.maximumRetryAttempts,
    reportBatchItemFailures: settings.reportBatchItemFailures,
  };
  const counters = { invocations: 0, failedInvocations: 0, recordsCompleted: 0, recordsDiscarded: 0 };
  const onFailureRecords: KinesisOnFailureRecord[] = [];
  const shards: ShardState[] = [];
  const pollers: Promise<void>[] = [];
  let stopping = false;
  // Records read but not yet completed or discarded; bounds read-ahead memory.
  let buffered = 0;
  const readAheadLimit = Math.max(GET_RECORDS_LIMIT, settings.batchSize * settings.parallelizationFactor * 2);

  const stats = (): KinesisEventSourceRunnerStats => ({ ...counters, onFailureRecords: [...onFailureRecords] });

  async function invoke(batch: PendingBatch<ShardRecord>): Promise<InvocationOutcome> {
    counters.invocations += 1;
    try {
      const response = await props.handler(toKinesisStreamEvent(batch.records, origin), createLambdaContext(props.function));
      const outcome = classifyResponse(response, batch.records.map(sequenceNumberOf), settings.reportBatchItemFailures);
      if (outcome.kind !== 'success') counters.failedInvocations += 1;
      return outcome;
    } catch (error) {
      counters.failedInvocations += 1;
      return { kind: 'functionError', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }

  async function discard(batch: PendingBatch<ShardRecord>, condition: DiscardCondition, lastInvocationThrew: boolean): Promise<void> {
    counters.recordsDiscarded += batch.records.length;
    const record = buildOnFailureRecord({
      records: batch.records,
      streamArn: props.streamArn,
      functionArn,
      condition,
      approximateInvokeCount: batch.invokeCount,
      lastInvocationThrew,
      discardedAt: new Date(now()),
    });
    onFailureRecords.push(record);
    const { shardId, startSequenceNumber, batchSize } = record.KinesisBatchInfo;
    log(`${functionName}: ${condition}: ${batchSize} record(s) of ${shardId} from ${startSequenceNumber} go to the on-failure destination`);
    await props.onFailure?.(record);
  }

  /** Runs one batch to completion: invocations, retries, bisects and discards, in shard order. */
  function processBatch(records: readonly ShardRecord[]): Promise<void> {
    return runBatchToCompletion(records, { policy, maximumRecordAgeSeconds: settings.maximumRecordAgeSeconds, arrivalEpochMs: arrivalEpochMsOf, now, invoke, discard, counters });
  }

  async function drainLane(lane: Lane): Promise<void> {
    while (lane.queue.length > 0) {
      const records = lane.queue.splice(0, settings.batchSize);
      await processBatch(records);
      buffered -= records.length;
    }
    lane.running = undefined;
  }

  function startIdleLanes(shard: ShardState): void {
    for (const lane of shard.lanes) {
      if (lane.running === undefined && lane.queue.length > 0) lane.running = drainLane(lane);
    }
  }

  async function iteratorFor(shardId: string, afterSequenceNumber: string | undefined): Promise<string | undefined> {
    const input: GetShardIteratorCommandInput =
      afterSequenceNumber !== undefined
        ? { StreamName: props.streamName, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: afterSequenceNumber }
        : {
            StreamName: props.streamName,
            ShardId: shardId,
            ShardIteratorType: settings.startingPosition,
            ...(settings.startingPositionTimestamp === undefined ? {} : { Timestamp: new Date(settings.startingPositionTimestamp * 1000) }),
          };
    return (await props.kinesis.send(new GetShardIteratorCommand(input))).ShardIterator;
  }

  async function pollShard(shard: ShardState, firstIterator: string | undefined): Promise<void> {
    let iterator = firstIterator;
    let lastSequenceNumber: string | undefined;
    while (!stopping && iterator !== undefined) {
      const startedAt = now();
      if (buffered >= readAheadLimit) {
        await sleep(pollIntervalMs);
        continue;
      }
      try {
        const page = await props.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: GET_RECORDS_LIMIT }));
        const records = (page.Records ?? []).map((record) => ({ shardId: shard.shardId, record }));
        for (const record of records) {
          shard.lanes[laneOfPartitionKey(record.record.PartitionKey ?? '', settings.parallelizationFactor)]?.queue.push(record);
        }
        buffered += records.length;
        lastSequenceNumber = records.length > 0 ? sequenceNumberOf(records[records.length - 1] as ShardRecord) : lastSequenceNumber;
        if (records.length === 0 && (page.MillisBehindLatest ?? 0) === 0) shard.lastTipReadStartedAt = startedAt;
        iterator = page.NextShardIterator;
        startIdleLanes(shard);
      } catch (error) {
        const name = error instanceof Error ? error.name : 'Error';
        if (stopping) break;
        log(`${functionName}: GetRecords on ${shard.shardId} failed (${name}); backing off`);
        await sleep(READ_ERROR_BACKOFF_MS);
        // An expired iterator (5 minutes idle on AWS) is renewed right after the last record read.
        if (name === 'ExpiredIteratorException') iterator = await iteratorFor(shard.shardId, lastSequenceNumber);
      }
      await sleep(Math.max(0, pollIntervalMs - (now() - startedAt)));
    }
    await Promise.all(shard.lanes.map((lane) => lane.running));
  }

  function isCaughtUp(since: number): boolean {
    return shards.every(
      (shard) => shard.lastTipReadStartedAt >= since && shard.lanes.every((lane) => lane.running === undefined && lane.queue.length === 0),
    );
  }

  return {
    async start() {
      const shardIds = await listShardIds(props.kinesis, props.streamName);
      const iterators = await Promise.all(shardIds.map((shardId) => iteratorFor(shardId, undefined)));
      shardIds.forEach((shardId, index) => {
        const shard: ShardState = {
          shardId,
          lanes: Array.from({ length: settings.parallelizationFactor }, () => ({ queue: [], running: undefined })),
          lastTipReadStartedAt: Number.NEGATIVE_INFINITY,
        };
        shards.push(shard);
        pollers.push(pollShard(shard, iterators[index]));
      });
      log(`${functionName}: polling ${shardIds.length} shard(s) of ${props.streamName} from ${settings.startingPosition}`);
    },
    async waitUntilCaughtUp(options = {}) {
      const timeoutMs = options.timeoutMs ?? 120_000;
      const since = now();
      const deadline = Date.now() + timeoutMs;
      while (!isCaughtUp(since)) {
        if (Date.now() > deadline) throw new RunnerNotCaughtUpError(functionName, timeoutMs, stats());
        await sleep(pollIntervalMs / 2);
      }
    },
    async stop() {
      stopping = true;
      await Promise.all(pollers);
    },
    stats,
  };
}
