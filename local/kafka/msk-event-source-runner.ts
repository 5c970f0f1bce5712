/**
 * A small local stand-in for Lambda's MSK event source mapping: it reads the topic as the mapping's
 * consumer group, builds AWS-shaped `MSKEvent`s and invokes the real handler in-process, following
 * the documented semantics (AWS Lambda developer guide, "Using Lambda with Amazon MSK" and
 * "Configuring error handling controls for Kafka event sources"):
 * - batches of up to `BatchSize` records, closed after the batching window (partition-lane.ts);
 * - one batch in flight per partition, so each partition (and each key) keeps its order;
 * - retries, bisect on error, maximum record age, decided by the stream runners' pure policy
 *   (batch-retry-policy.ts); a Kafka partial batch response names failed records by
 *   `{ partition: '<topic>-<partition>', offset }` (kafka-batch-response.ts), and only those are
 *   retried: "Lambda can retry only the failed records" (kafka-retry-configurations.html);
 * - with infinite retries and an on-failure destination, "Lambda automatically applies a maximum of
 *   10 retry attempts" (kafka-on-failure-destination.html);
 * - records given up on are written, key and value unchanged, to the Kafka on-failure destination
 *   topic, and the partition moves on; offsets are committed after each completed batch;
 * - the fetch stream is opened again after a broker outage (resilient-fetch.ts).
 * A test and demo harness, not an emulator: no provisioned-poller scaling, no function timeout.
 */
import { randomUUID } from 'node:crypto';
import { Producer, ProduceAcks, stringSerializer } from '@platformatic/kafka';
import type { Context, MSKEvent, MSKRecord } from 'aws-lambda';
import { kafkaRecordName } from '../../runtime/kafka/sessionizer-lambda/msk-records';
import { classifyResponse, type DiscardCondition, type PendingBatch, type RetryPolicy } from '../lambda/batch-retry-policy';
import { createLambdaContext, type LocalFunctionIdentity } from '../lambda/lambda-context';
import { runBatchToCompletion } from '../lambda/run-batch';
import type { StreamEventSourceRunnerClock, StreamEventSourceRunnerCounts } from '../lambda/stream-event-source-runner';
import { deadLetterMessages } from './dead-letter-records';
import { kafkaResponseByRecordName } from './kafka-batch-response';
import type { MskEventSourceSettings } from './msk-event-source-settings';
import { PartitionLane } from './partition-lane';
import { ResilientFetch, type RawMessage } from './resilient-fetch';

/** An MSK handler as Lambda calls it (its response read as a partial batch response). */
export type MskHandler = (event: MSKEvent, context: Context) => Promise<unknown>;

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
  /** Fetch streams opened again after a broker outage. */
  readonly fetchRestarts: number;
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

/** How long a commit may wait on the group (a rejoin) before the lane moves on. */
const COMMIT_TIMEOUT_MS = 10_000;
/** The cap Lambda puts on infinite retries when an on-failure destination is set. */
const RETRIES_WITH_DESTINATION_CAP = 10;

const recordNameOf = (message: RawMessage): string => kafkaRecordName({ ...message, offset: Number(message.offset) });

/** The shared policy, with Kafka's rules: only reported records retried, infinite retries capped with a destination. */
function kafkaRetryPolicy(settings: MskEventSourceSettings, hasDestination: boolean): RetryPolicy {
  const capped = settings.maximumRetryAttempts === -1 && hasDestination;
  return {
    bisectBatchOnFunctionError: settings.bisectBatchOnFunctionError,
    maximumRetryAttempts: capped ? RETRIES_WITH_DESTINATION_CAP : settings.maximumRetryAttempts,
    reportBatchItemFailures: settings.reportBatchItemFailures,
    partialBatchRetries: 'failedRecordsOnly',
  };
}

function toMskRecord(message: RawMessage): MSKRecord {
  return {
    topic: message.topic,
    partition: message.partition,
    offset: Number(message.offset),
    timestamp: Number(message.timestamp),
    timestampType: 'CREATE_TIME',
    key: message.key?.toString('base64') ?? (undefined as unknown as string),
    value: (message.value ?? Buffer.alloc(0)).toString('base64'),
    headers: [...message.headers].map(([name, value]) => ({ [name.toString()]: [...value] })),
  };
}

/** The `MSKEvent` Lambda builds: records grouped by `<topic>-<partition>`. */
function toMskEvent(records: readonly RawMessage[], eventSourceArn: string, bootstrapServers: readonly string[]): MSKEvent {
  const grouped: Record<string, MSKRecord[]> = {};
  for (const message of records) (grouped[`${message.topic}-${message.partition}`] ??= []).push(toMskRecord(message));
  return { eventSource: 'aws:kafka', eventSourceArn, bootstrapServers: bootstrapServers.join(','), records: grouped };
}

/** Creates a runner for one MSK event source mapping. */
export function createMskEventSourceRunner(props: MskEventSourceRunnerProps): MskEventSourceRunner {
  const { settings } = props;
  const log = props.log ?? (() => undefined);
  const functionName = props.function.functionName;
  const eventSourceArn = props.eventSourceArn ?? `arn:aws:kafka:${props.function.region}:000000000000:cluster/local/${randomUUID()}`;
  const policy = kafkaRetryPolicy(settings, props.deadLetterTopic !== undefined);
  const counters = { invocations: 0, failedInvocations: 0, recordsCompleted: 0, recordsDiscarded: 0 };
  const discarded = new Map<string, DiscardCondition>();
  const lastFailure = new Map<string, string>();
  const lanes = new Map<number, PartitionLane<RawMessage>>();
  const producer = new Producer<Buffer, Buffer, string, Buffer>({
    bootstrapBrokers: [...props.bootstrapServers],
    clientId: `${functionName}-esm-dlq`,
    acks: ProduceAcks.ALL,
    serializers: { headerKey: stringSerializer },
  });
  let stopped = false;

  async function invoke(batch: PendingBatch<RawMessage>) {
    counters.invocations += 1;
    const identifiers = batch.records.map(recordNameOf);
    try {
      const response = await props.handler(toMskEvent(batch.records, eventSourceArn, props.bootstrapServers), createLambdaContext(props.function));
      const outcome = classifyResponse(kafkaResponseByRecordName(response), identifiers, settings.reportBatchItemFailures);
      if (outcome.kind === 'partialFailure') for (const index of outcome.failedIndexes) lastFailure.set(identifiers[index] as string, 'named in the partial batch response');
      if (outcome.kind === 'functionError') for (const name of identifiers) lastFailure.set(name, `function error: ${outcome.reason}`);
      if (outcome.kind !== 'success') counters.failedInvocations += 1;
      return outcome;
    } catch (error) {
      counters.failedInvocations += 1;
      const reason = error instanceof Error ? error.message : String(error);
      for (const name of identifiers) lastFailure.set(name, `function error: ${reason}`);
      return { kind: 'functionError', reason } as const;
    }
  }

  async function discard(records: readonly RawMessage[], condition: DiscardCondition): Promise<void> {
    log(`${functionName}: ${condition}: ${records.length} record(s) of partition ${records[0]?.partition} go to ${props.deadLetterTopic ?? 'nowhere'}`);
    if (props.deadLetterTopic !== undefined) {
      const reasons = records.map((message) => (condition === 'RecordAgeExceeded' ? 'older than MaximumRecordAgeInSeconds' : (lastFailure.get(recordNameOf(message)) ?? 'failed')));
      await producer.send({ messages: deadLetterMessages(records, props.deadLetterTopic, condition, reasons) });
    }
    // Counted once written: a failed write puts the batch back, and it is tried again.
    counters.recordsDiscarded += records.length;
    for (const message of records) discarded.set(recordNameOf(message), condition);
  }

  const fetch = new ResilientFetch({
    bootstrapServers: props.bootstrapServers,
    clientId: `${functionName}-esm`,
    groupId: settings.consumerGroupId,
    topic: props.topic,
    fallbackMode: settings.startingPosition === 'TRIM_HORIZON' ? 'earliest' : 'latest',
    onMessage: (message) => laneOf(message).accept(message),
    log: (line) => log(`${functionName}: ${line}`),
  });

  async function runBatch(records: readonly RawMessage[]): Promise<void> {
    await runBatchToCompletion(records, {
      policy,
      maximumRecordAgeSeconds: settings.maximumRecordAgeSeconds,
      arrivalEpochMs: (message) => Number(message.timestamp),
      now: props.now ?? Date.now,
      invoke,
      discard: (batch, condition) => discard(batch.records, condition),
      counters,
    });
    for (const message of records) lastFailure.delete(recordNameOf(message));
    const last = records[records.length - 1] as RawMessage;
    // Bounded: not committed means at most a redelivery after a restart, never a record skipped.
    const next = { topic: last.topic, partition: last.partition, offset: last.offset + 1n, leaderEpoch: last.leaderEpoch };
    if (!(await fetch.commit(next, COMMIT_TIMEOUT_MS))) log(`${functionName}: commit of partition ${last.partition} up to ${next.offset} failed or timed out`);
  }

  function laneOf(message: RawMessage): PartitionLane<RawMessage> {
    let lane = lanes.get(message.partition);
    if (lane === undefined) {
      lane = new PartitionLane<RawMessage>(message.offset, {
        batchSize: settings.batchSize,
        batchingWindowMs: settings.batchingWindowMs,
        runBatch,
        // The dead-letter write failed: nothing is committed, the batch is tried again.
        onBatchError: (error, records) => log(`${functionName}: batch of partition ${records[0]?.partition} failed (${(error as Error).message}); retrying`),
      });
      lanes.set(message.partition, lane);
    }
    return lane;
  }

  return {
    async start() {
      await fetch.start();
      log(`${functionName}: reading ${props.topic} as group ${settings.consumerGroupId} from ${settings.startingPosition}`);
    },
    async waitUntilCaughtUp(options = {}) {
      const ends = await fetch.endOffsets();
      const deadline = Date.now() + (options.timeoutMs ?? 120_000);
      const caughtUp = (): boolean => ends.every((end, partition) => end === 0n || ((lanes.get(partition)?.done ?? -1n) >= end && lanes.get(partition)?.idle === true));
      while (!caughtUp() && !stopped) {
        if (Date.now() > deadline) throw new Error(`${functionName} did not catch up with ${props.topic} in time (${counters.recordsCompleted} completed)`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      stopped = true;
      await Promise.all([...lanes.values()].map((lane) => lane.stop()));
      await fetch.stop();
      await producer.close().catch(() => undefined);
    },
    stats: () => ({ ...counters, discarded: new Map(discarded), fetchRestarts: fetch.restarts }),
  };
}
