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
  /** Told of each batch written to the dead-letter topic (records, partition, topic), e.g. for the live page. @default nothing */
  readonly onDeadLettered?: (records: number, partition: number, topic: string) => void;
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
  return new LocalMskEventSourceMapping(props);
}

/** One MSK mapping played locally: a resilient fetch feeding one lane per partition, each committing after its batches. */
class LocalMskEventSourceMapping implements MskEventSourceRunner {
  private readonly functionName: string;
  private readonly log: (line: string) => void;
  private readonly processor: MskBatchProcessor;
  private readonly lanes = new Map<number, PartitionLane<RawMessage>>();
  private readonly fetch: ResilientFetch;
  private stopped = false;

  constructor(private readonly props: MskEventSourceRunnerProps) {
    const { settings, function: fn } = props;
    const log = props.log ?? (() => undefined);
    this.functionName = fn.functionName;
    this.log = log;
    this.processor = new MskBatchProcessor({
      ...props,
      eventSourceArn: props.eventSourceArn ?? `arn:aws:kafka:${fn.region}:000000000000:cluster/local/${randomUUID()}`,
      log,
    });
    this.fetch = new ResilientFetch({
      bootstrapServers: props.bootstrapServers,
      clientId: `${fn.functionName}-esm`,
      groupId: settings.consumerGroupId,
      topic: props.topic,
      fallbackMode: settings.startingPosition === 'TRIM_HORIZON' ? 'earliest' : 'latest',
      onMessage: (message) => this.laneOf(message).accept(message),
      log: (line) => log(`${fn.functionName}: ${line}`),
    });
  }

  async start(): Promise<void> {
    await this.fetch.start();
    const { settings, topic } = this.props;
    this.log(`${this.functionName}: reading ${topic} as group ${settings.consumerGroupId} from ${settings.startingPosition}`);
  }

  async waitUntilCaughtUp(options: { readonly timeoutMs?: number } = {}): Promise<void> {
    const ends = await this.fetch.endOffsets();
    const deadline = Date.now() + (options.timeoutMs ?? 120_000);
    while (!caughtUp(this.lanes, ends) && !this.stopped) {
      if (Date.now() > deadline) {
        throw new Error(`${this.functionName} did not catch up with ${this.props.topic} in time (${this.processor.counters.recordsCompleted} completed)`);
      }
      await sleep(100);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.lanes.values()].map((lane) => lane.stop()));
    await this.fetch.stop();
    await this.processor.close();
  }

  stats(): MskEventSourceRunnerStats {
    return { ...this.processor.counters, discarded: new Map(this.processor.discarded), fetchRestarts: this.fetch.restarts };
  }

  private async runBatch(records: readonly RawMessage[]): Promise<void> {
    await this.processor.run(records);
    const last = records[records.length - 1] as RawMessage;
    // Bounded: not committed means at most a redelivery after a restart, never a record skipped.
    const next = { topic: last.topic, partition: last.partition, offset: last.offset + 1n, leaderEpoch: last.leaderEpoch };
    if (!(await this.fetch.commit(next, COMMIT_TIMEOUT_MS))) {
      this.log(`${this.functionName}: commit of partition ${last.partition} up to ${next.offset} failed or timed out`);
    }
  }

  private laneOf(message: RawMessage): PartitionLane<RawMessage> {
    let lane = this.lanes.get(message.partition);
    if (lane === undefined) {
      lane = new PartitionLane<RawMessage>(message.offset, {
        batchSize: this.props.settings.batchSize,
        batchingWindowMs: this.props.settings.batchingWindowMs,
        runBatch: (records) => this.runBatch(records),
        // The dead-letter write failed: nothing is committed, the batch is tried again.
        onBatchError: (error, records) => this.log(`${this.functionName}: batch of partition ${records[0]?.partition} failed (${(error as Error).message}); retrying`),
      });
      this.lanes.set(message.partition, lane);
    }
    return lane;
  }
}
