/**
 * A small local stand-in for Lambda's MSK event source mapping: it reads the topic as the mapping's
 * consumer group, builds AWS-shaped `MSKEvent`s and invokes the real handler in-process, following
 * the documented semantics (AWS Lambda developer guide, "Using Lambda with Amazon MSK" and
 * "Configuring error handling controls for Kafka event sources"):
 * - batches of up to `BatchSize` records, closed after the batching window;
 * - one batch in flight per partition, so each partition (and each key) keeps its order;
 * - retries, bisect on error, maximum record age and the partial batch response, decided by the
 *   Kinesis runner's pure policy (batch-retry-policy.ts), which the docs describe the same way;
 * - the partial batch response names failed records by `{ partition: '<topic>-<partition>', offset }`
 *   (kafka-batch-response.ts);
 * - discarded records are written, key and value unchanged, to the Kafka on-failure destination
 *   topic, and the partition moves on; offsets are committed after each completed batch. "Kafka
 *   destinations receive the actual failed records along with failure metadata" (AWS Lambda developer
 *   guide, "Using a Kafka topic as an on-failure destination",
 *   https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html); the metadata's
 *   exact form is not in the copies read here, so this runner's is its own: `condition` and `source`
 *   (`<topic>-<partition>-<offset>`) headers.
 * A test and demo harness, not an emulator: no provisioned-poller scaling, no function timeout.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { settleWithin } from '../../runtime/shared/settle-within';
import { Consumer, Producer, ProduceAcks, type Message, type MessagesStream } from '@platformatic/kafka';
import type { Context, MSKEvent, MSKRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { kafkaRecordName } from '../../runtime/kafka/sessionizer-lambda/msk-records';
import { kafkaResponseByRecordName } from './kafka-batch-response';
import { classifyResponse, type DiscardCondition, type PendingBatch } from '../lambda/batch-retry-policy';
import { runBatchToCompletion } from '../lambda/run-batch';
import { createLambdaContext, type LocalFunctionIdentity } from '../lambda/lambda-context';
import type { MskEventSourceSettings } from './msk-event-source-settings';
import type { StreamEventSourceRunnerClock, StreamEventSourceRunnerCounts } from '../lambda/stream-event-source-runner';

/** An MSK handler as Lambda calls it (its response read as a partial batch response). */
export type MskHandler = (event: MSKEvent, context: Context) => Promise<unknown>;

type RawMessage = Message<Buffer, Buffer, Buffer, Buffer>;

/** Props of {@link createMskEventSourceRunner}. */
export interface MskEventSourceRunnerProps extends StreamEventSourceRunnerClock {
  readonly bootstrapServers: readonly string[];
  readonly topic: string;
  /** The Kafka on-failure destination (`kafka://<topic>`). @default undefined (discarded records are dropped) */
  readonly deadLetterTopic?: string;
  readonly settings: MskEventSourceSettings;
  readonly handler: MskHandler;
  readonly function: LocalFunctionIdentity;
  /** @default a placeholder MSK cluster ARN in the function's region */
  readonly eventSourceArn?: string;
}

/** Counters of one runner (discarded records go to the dead-letter topic, or are dropped without one). */
export interface MskEventSourceRunnerStats extends StreamEventSourceRunnerCounts {
  /** Why each discarded record was given up, by item identifier. */
  readonly discarded: ReadonlyMap<string, DiscardCondition>;
}

/** The runner's lifecycle. */
export interface MskEventSourceRunner {
  start(): Promise<void>;
  /**
   * Resolves once every record below the end offsets taken now has been completed or discarded, or
   * once the runner is stopped (a caller that stopped waiting must not leave a poll running).
   */
  waitUntilCaughtUp(options?: { readonly timeoutMs?: number }): Promise<void>;
  stop(): Promise<void>;
  stats(): MskEventSourceRunnerStats;
}

interface PartitionLane {
  readonly queue: RawMessage[];
  running: Promise<void> | undefined;
  /** Next offset to read after the last completed batch (what was committed). */
  done: bigint;
  windowTimer: NodeJS.Timeout | undefined;
}

/** How long a commit may wait on the group (a rejoin) before the lane moves on. */
const COMMIT_TIMEOUT_MS = 10_000;


/** Creates a runner for one MSK event source mapping. */
export function createMskEventSourceRunner(props: MskEventSourceRunnerProps): MskEventSourceRunner {
  const { settings } = props;
  const now = props.now ?? Date.now;
  const log = props.log ?? (() => undefined);
  const functionName = props.function.functionName;
  const eventSourceArn =
    props.eventSourceArn ?? `arn:aws:kafka:${props.function.region}:000000000000:cluster/local/${randomUUID()}`;
  const policy = {
    bisectBatchOnFunctionError: settings.bisectBatchOnFunctionError,
    maximumRetryAttempts: settings.maximumRetryAttempts,
    reportBatchItemFailures: settings.reportBatchItemFailures,
  };
  const counters = { invocations: 0, failedInvocations: 0, recordsCompleted: 0, recordsDiscarded: 0 };
  const discarded = new Map<string, DiscardCondition>();
  const lanes = new Map<number, PartitionLane>();
  const connection = { bootstrapBrokers: [...props.bootstrapServers] };
  const consumer = new Consumer({ ...connection, clientId: `${functionName}-esm`, groupId: settings.consumerGroupId });
  const producer = new Producer({ ...connection, clientId: `${functionName}-esm-dlq`, acks: ProduceAcks.ALL });
  let stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | undefined;
  let stopped = false;

  const toMskRecord = (message: RawMessage): MSKRecord => ({
    topic: message.topic,
    partition: message.partition,
    offset: Number(message.offset),
    timestamp: Number(message.timestamp),
    timestampType: 'CREATE_TIME',
    key: message.key?.toString('base64') ?? (undefined as unknown as string),
    value: (message.value ?? Buffer.alloc(0)).toString('base64'),
    headers: [...message.headers].map(([name, value]) => ({ [name.toString()]: [...value] })),
  });

  const toEvent = (records: readonly RawMessage[]): MSKEvent => {
    const grouped: Record<string, MSKRecord[]> = {};
    for (const message of records) (grouped[`${message.topic}-${message.partition}`] ??= []).push(toMskRecord(message));
    return { eventSource: 'aws:kafka', eventSourceArn, bootstrapServers: props.bootstrapServers.join(','), records: grouped };
  };

  async function invoke(batch: PendingBatch<RawMessage>) {
    counters.invocations += 1;
    const identifiers = batch.records.map((message) => kafkaRecordName({ ...message, offset: Number(message.offset) }));
    try {
      const response = await props.handler(toEvent(batch.records), createLambdaContext(props.function));
      const outcome = classifyResponse(kafkaResponseByRecordName(response), identifiers, settings.reportBatchItemFailures);
      if (outcome.kind !== 'success') counters.failedInvocations += 1;
      return outcome;
    } catch (error) {
      counters.failedInvocations += 1;
      return { kind: 'functionError', reason: error instanceof Error ? error.message : String(error) } as const;
    }
  }

  async function discard(records: readonly RawMessage[], condition: DiscardCondition): Promise<void> {
    counters.recordsDiscarded += records.length;
    for (const message of records) discarded.set(kafkaRecordName({ ...message, offset: Number(message.offset) }), condition);
    log(`${functionName}: ${condition}: ${records.length} record(s) of partition ${records[0]?.partition} go to ${props.deadLetterTopic ?? 'nowhere'}`);
    if (props.deadLetterTopic === undefined) return;
    await producer.send({
      messages: records.map((message) => ({
        topic: props.deadLetterTopic as string,
        key: message.key ?? undefined,
        value: message.value ?? Buffer.alloc(0),
        // Where it came from and why, for whoever redrives it.
        headers: new Map([
          [Buffer.from('condition'), Buffer.from(condition)],
          [Buffer.from('source'), Buffer.from(kafkaRecordName({ ...message, offset: Number(message.offset) }))],
        ]),
      })),
    });
  }

  function processBatch(records: readonly RawMessage[]): Promise<void> {
    return runBatchToCompletion(records, {
      policy,
      maximumRecordAgeSeconds: settings.maximumRecordAgeSeconds,
      arrivalEpochMs: (message) => Number(message.timestamp),
      now,
      invoke,
      discard: (batch, condition) => discard(batch.records, condition),
      counters,
    });
  }

  async function drain(lane: PartitionLane): Promise<void> {
    while (lane.queue.length > 0) {
      const records = lane.queue.splice(0, settings.batchSize);
      try {
        await processBatch(records);
      } catch (error) {
        // The dead-letter write failed: nothing is committed, the batch is tried again.
        log(`${functionName}: batch of partition ${records[0]?.partition} failed (${(error as Error).message}); retrying`);
        lane.queue.unshift(...records);
        await sleep(1_000);
        continue;
      }
      const last = records[records.length - 1] as RawMessage;
      lane.done = last.offset + 1n;
      // Bounded: a commit can wait on a group rejoin, and an unbounded wait stalls this partition.
      // Not committed means at most a redelivery after a restart, never a record skipped.
      const committed = await settleWithin(
        consumer.commit({ offsets: [{ topic: last.topic, partition: last.partition, offset: lane.done, leaderEpoch: last.leaderEpoch }] }),
        COMMIT_TIMEOUT_MS,
      );
      if (!committed) log(`${functionName}: commit of partition ${last.partition} up to ${lane.done} failed or timed out`);
    }
    lane.running = undefined;
  }

  function accept(message: RawMessage): void {
    let lane = lanes.get(message.partition);
    if (lane === undefined) {
      lane = { queue: [], running: undefined, done: message.offset, windowTimer: undefined };
      lanes.set(message.partition, lane);
    }
    lane.queue.push(message);
    const current = lane;
    const startLane = (): void => {
      current.windowTimer = undefined;
      current.running ??= drain(current);
    };
    // A batch goes when it is full or when the batching window closes.
    if (current.queue.length >= settings.batchSize) startLane();
    else current.windowTimer ??= setTimeout(startLane, settings.batchingWindowMs);
  }

  return {
    async start() {
      stream = await consumer.consume({
        topics: [props.topic],
        mode: 'committed',
        fallbackMode: settings.startingPosition === 'TRIM_HORIZON' ? 'earliest' : 'latest',
        autocommit: false,
      });
      stream.on('data', accept);
      stream.on('error', (error: Error) => log(`${functionName}: ${error.message}`));
      log(`${functionName}: reading ${props.topic} as group ${settings.consumerGroupId} from ${settings.startingPosition}`);
    },
    async waitUntilCaughtUp(options = {}) {
      const ends = (await consumer.listOffsets({ topics: [props.topic] })).get(props.topic) ?? [];
      const deadline = Date.now() + (options.timeoutMs ?? 120_000);
      const caughtUp = (): boolean =>
        ends.every((end, partition) => end === 0n || ((lanes.get(partition)?.done ?? -1n) >= end && lanes.get(partition)?.running === undefined));
      while (!caughtUp() && !stopped) {
        if (Date.now() > deadline) throw new Error(`${functionName} did not catch up with ${props.topic} in time (${counters.recordsCompleted} completed)`);
        await sleep(100);
      }
    },
    async stop() {
      stopped = true;
      await stream?.close().catch(() => undefined);
      for (const lane of lanes.values()) if (lane.windowTimer !== undefined) clearTimeout(lane.windowTimer);
      await Promise.all([...lanes.values()].map((lane) => lane.running));
      await consumer.close(true).catch(() => undefined);
      await producer.close().catch(() => undefined);
    },
    stats: () => ({ ...counters, discarded: new Map(discarded) }),
  };
}
