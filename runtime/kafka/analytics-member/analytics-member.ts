/**
 * One member of the `analytics` consumer group. The group splits the `clickstream` partitions among
 * its members (queue-like inside the group); every other group still reads everything.
 *
 * Per batch of fetched records: decode each event, write the user's latest state to the compacted
 * `clickstream-sessions` topic (acks=all), and only then commit the batch's offsets. A member that
 * dies between the write and the commit leaves records that the partition's next owner processes
 * again: at-least-once. That window is measured (`commitWindowMs`), not hidden. A record that is not
 * a valid event is counted and skipped: it can never become valid, and the sessionizer's
 * dead-letter path is where poison records are kept.
 */
import {
  Consumer,
  Producer,
  ProduceAcks,
  stringDeserializers,
  stringSerializers,
  type Message,
  type MessagesStream,
} from '@platformatic/kafka';
import { InvalidClickstreamEventError, parseClickstreamEvent, type ClickstreamEvent } from '../../shared/clickstream-events';
import { KAFKA_GROUPS, KAFKA_TOPICS } from '../kafka-names';
import type { KafkaConnectionOptions } from './kafka-connection';
import { latestStateOf } from './session-state-record';
import { settleWithin } from '../../shared/settle-within';

type ClickstreamMessage = Message<string, string, string, string>;

/** Props of {@link AnalyticsMember}. */
export interface AnalyticsMemberProps {
  readonly connection: KafkaConnectionOptions;
  /** Names this member in its output records and logs (the task id, or a local process name). */
  readonly memberId: string;
  /** @default KAFKA_GROUPS.analytics */
  readonly groupId?: string;
  /** @default KAFKA_TOPICS.clickstream */
  readonly sourceTopic?: string;
  /** @default KAFKA_TOPICS.sessions */
  readonly stateTopic?: string;
  /**
   * Records processed (and committed) together.
   * @default 500 - one produce and one commit per 500 records keeps the broker round trips low
   */
  readonly maxBatchRecords?: number;
  /** How long a partial batch waits for more records. @default 50 */
  readonly lingerMs?: number;
  /**
   * Session timeout of the group membership: how long the coordinator waits for a silent member
   * before moving its partitions.
   * @default 10000 - short enough that a killed task's partitions move within seconds; the broker's
   *   `group.min.session.timeout.ms` default is 6 s
   */
  readonly sessionTimeoutMs?: number;
  /**
   * Join the group but deliver nothing until {@link AnalyticsMember.resume} (a benchmark starts
   * every member's clock at once, after the partitions are spread).
   * @default false
   */
  readonly startPaused?: boolean;
  /** Called after each committed batch. @default none */
  readonly onBatch?: (batch: AnalyticsBatchReport) => void;
  /** Fault lines. @default console.error */
  readonly log?: (line: string) => void;
}

/** What one batch came to. */
export interface AnalyticsBatchReport {
  readonly records: number;
  readonly invalid: number;
  /** Milliseconds between the state write's ack and the offset commit's ack: the redelivery window. */
  readonly commitWindowMs: number;
  /** False when the commit was refused (a rebalance took the partitions): expect duplicates. */
  readonly committed: boolean;
}

/** How often a paused member checks whether its group membership is active again. */
const RESUME_RETRY_MS = 100;

/** Running totals of one member. */
export interface AnalyticsMemberStats {
  readonly processed: number;
  readonly invalid: number;
  readonly batches: number;
  readonly refusedCommits: number;
  readonly maxCommitWindowMs: number;
}

/** A competing consumer of the `analytics` group. */
export class AnalyticsMember {
  private readonly props: AnalyticsMemberProps;
  private readonly consumer: Consumer<string, string, string, string>;
  private readonly producer: Producer<string, string, string, string>;
  private stream: MessagesStream<string, string, string, string> | undefined;
  private buffer: ClickstreamMessage[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private lingerTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private totals = { processed: 0, invalid: 0, batches: 0, refusedCommits: 0, maxCommitWindowMs: 0 };

  constructor(props: AnalyticsMemberProps) {
    this.props = props;
    this.consumer = new Consumer({
      ...props.connection,
      clientId: `analytics-${props.memberId}`,
      groupId: props.groupId ?? KAFKA_GROUPS.analytics,
      deserializers: stringDeserializers,
      sessionTimeout: props.sessionTimeoutMs ?? 10_000,
      // A third of the session timeout: the usual Kafka ratio.
      heartbeatInterval: Math.floor((props.sessionTimeoutMs ?? 10_000) / 3),
    });
    this.producer = new Producer({
      ...props.connection,
      clientId: `analytics-${props.memberId}-state`,
      serializers: stringSerializers,
      // acks=all: a state record is on every in-sync replica before its source offset is committed.
      acks: ProduceAcks.ALL,
    });
  }

  /** Totals so far. */
  get stats(): AnalyticsMemberStats {
    return { ...this.totals };
  }

  /** Joins the group and starts consuming from the committed offsets (earliest for a new group). */
  async start(): Promise<void> {
    const stream = await this.consumer.consume({
      topics: [this.props.sourceTopic ?? KAFKA_TOPICS.clickstream],
      mode: 'committed',
      fallbackMode: 'earliest',
      autocommit: false,
    });
    this.stream = stream;
    if (this.props.startPaused === true) stream.pause();
    stream.on('data', (message: ClickstreamMessage) => this.accept(message));
    stream.on('error', (error: Error) => (this.props.log ?? console.error)(`analytics ${this.props.memberId}: ${error.message}`));
  }

  /** Partitions the group currently assigns to this member (0 for an idle member). */
  get assignedPartitions(): number {
    return (this.consumer.assignments ?? []).reduce((sum, assignment) => sum + assignment.partitions.length, 0);
  }

  /** Starts delivering after `startPaused`. */
  resume(): void {
    this.stream?.resume();
  }

  /** Processes and commits what it has, leaves the group and closes (SIGTERM on Fargate). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stream?.pause();
    this.scheduleFlush(0);
    await this.flushing;
    await this.stream?.close().catch(() => undefined);
    await this.consumer.close().catch(() => undefined);
    await this.producer.close().catch(() => undefined);
  }

  private accept(message: ClickstreamMessage): void {
    this.buffer.push(message);
    if (this.buffer.length >= (this.props.maxBatchRecords ?? 500)) {
      // Back-pressure: no more records until this batch is written and committed.
      this.stream?.pause();
      this.scheduleFlush(0);
    } else if (this.lingerTimer === undefined) {
      this.scheduleFlush(this.props.lingerMs ?? 50);
    }
  }

  private scheduleFlush(delayMs: number): void {
    if (this.lingerTimer !== undefined) clearTimeout(this.lingerTimer);
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = undefined;
      this.flushing = this.flushing.then(() => this.flush());
    }, delayMs);
  }

  private async flush(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length > 0) {
      try {
        this.report(await this.processBatch(batch));
      } catch (error) {
        // Nothing committed: the records come back to this member or the partition's next owner.
        (this.props.log ?? console.error)(`analytics ${this.props.memberId}: batch not processed: ${(error as Error).message}`);
      }
    }
    if (this.stream?.isPaused() === true && !this.stopping) this.resumeWhenActive();
  }

  /**
   * Resumes the back-pressure pause once the group membership is active again. Skipping the resume
   * while a rebalance was under way left the member paused for good, holding its partitions (the
   * records on them were never processed): so it is retried until the member is back in the group.
   */
  private resumeWhenActive(): void {
    const stream = this.stream;
    if (stream === undefined || this.stopping || stream.closed || stream.destroyed || !stream.isPaused()) return;
    if (stream.isActive()) stream.resume();
    else setTimeout(() => this.resumeWhenActive(), RESUME_RETRY_MS).unref();
  }

  private async processBatch(batch: readonly ClickstreamMessage[]): Promise<AnalyticsBatchReport> {
    let invalid = 0;
    const states = [];
    for (const message of batch) {
      const event = decodeEvent(message);
      if (event === undefined) {
        invalid += 1;
        continue;
      }
      states.push(latestStateOf(event, { member: this.props.memberId, partition: message.partition, offset: message.offset }));
    }
    if (states.length > 0) {
      await this.producer.send({
        messages: states.map((state) => ({
          topic: this.props.stateTopic ?? KAFKA_TOPICS.sessions,
          key: state.userId,
          value: JSON.stringify(state),
        })),
      });
    }
    const writtenAt = performance.now();
    // Refused (the group moved on) or still waiting on a rejoin after a session timeout: either way
    // the states are written, so the worst case is that the partition's next owner processes these
    // records again (at-least-once). Awaiting an unbounded commit would stall every partition of this
    // member while it stays in the group: records that nobody processes.
    const committed = await settleWithin(this.consumer.commit({ offsets: nextOffsetsToRead(batch) }), this.props.sessionTimeoutMs ?? 10_000);
    return { records: batch.length, invalid, commitWindowMs: performance.now() - writtenAt, committed };
  }

  private report(batch: AnalyticsBatchReport): void {
    this.totals.processed += batch.records - batch.invalid;
    this.totals.invalid += batch.invalid;
    this.totals.batches += 1;
    if (!batch.committed) this.totals.refusedCommits += 1;
    this.totals.maxCommitWindowMs = Math.max(this.totals.maxCommitWindowMs, batch.commitWindowMs);
    this.props.onBatch?.(batch);
  }
}

/** Kafka commits the next offset to read: the highest processed offset + 1, per partition. */
function nextOffsetsToRead(batch: readonly ClickstreamMessage[]) {
  const highest = new Map<string, ClickstreamMessage>();
  for (const message of batch) {
    const key = `${message.topic}:${message.partition}`;
    const current = highest.get(key);
    if (current === undefined || message.offset > current.offset) highest.set(key, message);
  }
  return [...highest.values()].map((message) => ({
    topic: message.topic,
    partition: message.partition,
    offset: message.offset + 1n,
    leaderEpoch: message.leaderEpoch,
  }));
}

function decodeEvent(message: ClickstreamMessage): ClickstreamEvent | undefined {
  try {
    const event = parseClickstreamEvent(JSON.parse(message.value));
    return event.userId === message.key ? event : undefined;
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof InvalidClickstreamEventError) return undefined;
    throw error;
  }
}
