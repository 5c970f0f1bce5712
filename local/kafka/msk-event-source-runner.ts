/**
 * A small local stand-in for Lambda's MSK event source mapping: it reads the topic as the mapping's
 * consumer group, builds AWS-shaped `MSKEvent`s and invokes the real handler in-process, following
 * the documented semantics (AWS Lambda developer guide, "Using Lambda with Amazon MSK" and
 * "Configuring error handling controls for Kafka event sources"):
 * - batches of up to `BatchSize` records, closed after the batching window (partition-lane.ts);
 * - one batch in flight per partition, so each partition (and each key) keeps its order;
 * - retries, bisect on error, maximum record age, the partial batch response and the Kafka
 *   on-failure destination (msk-batch-processor.ts); offsets are committed after each completed batch;
 * - the fetch stream is opened again after a broker outage (resilient-fetch.ts).
 * A test and demo harness, not an emulator: no provisioned-poller scaling, no function timeout.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DiscardCondition } from '../lambda/batch-retry-policy';
import type { LocalFunctionIdentity } from '../lambda/lambda-context';
import type { StreamEventSourceRunnerClock, StreamEventSourceRunnerCounts } from '../lambda/stream-event-source-runner';
import { MskBatchProcessor, type MskHandler } from './msk-batch-processor';
import type { MskEventSourceSettings } from './msk-event-source-settings';
import { PartitionLane } from './partition-lane';
import { ResilientFetch, type RawMessage } from './resilient-fetch';

export type { MskHandler } from './msk-batch-processor';

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

/** Every partition with records below its end offset has completed them and is idle. */
function caughtUp(lanes: ReadonlyMap<number, PartitionLane<RawMessage>>, ends: readonly bigint[]): boolean {
  return ends.every((end, partition) => end === 0n || ((lanes.get(partition)?.done ?? -1n) >= end && lanes.get(partition)?.idle === true));
}

/** Creates a runner for one MSK event source mapping. */
export function createMskEventSourceRunner(props: MskEventSourceRunnerProps): MskEventSourceRunner {
  const { settings, function: fn } = props;
  const log = props.log ?? (() => undefined);
  const processor = new MskBatchProcessor({
    ...props,
    eventSourceArn: props.eventSourceArn ?? `arn:aws:kafka:${fn.region}:000000000000:cluster/local/${randomUUID()}`,
    log,
  });
  const lanes = new Map<number, PartitionLane<RawMessage>>();
  let stopped = false;

  const fetch = new ResilientFetch({
    bootstrapServers: props.bootstrapServers,
    clientId: `${fn.functionName}-esm`,
    groupId: settings.consumerGroupId,
    topic: props.topic,
    fallbackMode: settings.startingPosition === 'TRIM_HORIZON' ? 'earliest' : 'latest',
    onMessage: (message) => laneOf(message).accept(message),
    log: (line) => log(`${fn.functionName}: ${line}`),
  });

  async function runBatch(records: readonly RawMessage[]): Promise<void> {
    await processor.run(records);
    const last = records[records.length - 1] as RawMessage;
    // Bounded: not committed means at most a redelivery after a restart, never a record skipped.
    const next = { topic: last.topic, partition: last.partition, offset: last.offset + 1n, leaderEpoch: last.leaderEpoch };
    if (!(await fetch.commit(next, COMMIT_TIMEOUT_MS))) log(`${fn.functionName}: commit of partition ${last.partition} up to ${next.offset} failed or timed out`);
  }

  function laneOf(message: RawMessage): PartitionLane<RawMessage> {
    let lane = lanes.get(message.partition);
    if (lane === undefined) {
      lane = new PartitionLane<RawMessage>(message.offset, {
        batchSize: settings.batchSize,
        batchingWindowMs: settings.batchingWindowMs,
        runBatch,
        // The dead-letter write failed: nothing is committed, the batch is tried again.
        onBatchError: (error, records) => log(`${fn.functionName}: batch of partition ${records[0]?.partition} failed (${(error as Error).message}); retrying`),
      });
      lanes.set(message.partition, lane);
    }
    return lane;
  }

  return {
    async start() {
      await fetch.start();
      log(`${fn.functionName}: reading ${props.topic} as group ${settings.consumerGroupId} from ${settings.startingPosition}`);
    },
    async waitUntilCaughtUp(options = {}) {
      const ends = await fetch.endOffsets();
      const deadline = Date.now() + (options.timeoutMs ?? 120_000);
      while (!caughtUp(lanes, ends) && !stopped) {
        if (Date.now() > deadline) throw new Error(`${fn.functionName} did not catch up with ${props.topic} in time (${processor.counters.recordsCompleted} completed)`);
        await sleep(100);
      }
    },
    async stop() {
      stopped = true;
      await Promise.all([...lanes.values()].map((lane) => lane.stop()));
      await fetch.stop();
      await processor.close();
    },
    stats: () => ({ ...processor.counters, discarded: new Map(processor.discarded), fetchRestarts: fetch.restarts }),
  };
}
