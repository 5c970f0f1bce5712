/**
 * The Kafka pattern's run, written once for every target: the planned clickstream produced keyed by
 * userId with a timestamp cut halfway and poison records after the first half, the busiest
 * analytics member SIGKILLed while records are still produced (where the run controls members),
 * then every group read back: the sessionizer (as the target observes it), the analytics members
 * through the state records they write, a new group from the earliest offset, one by timestamp from
 * the cut, the dead-letter topic, and compaction of the sessions topic where it can run.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { newRunPrefix } from '../provisioning/physical-names';
import { pollUntil } from '../target/poll-until';
import type { KafkaComparison } from '../comparison/kafka-comparison';
import { everyPoisonDeadLettered, isPoisonRecord, kafkaComparisonOf } from './kafka-pattern-outcome';
import type { KafkaCompute, KafkaTarget, KafkaTargetSession, PlannedKafkaTraffic } from './kafka-target';
import type { ClickstreamRecordToSend } from '../../runtime/kafka/producer/produce-clickstream';
import type { ReadRecord } from './read-topic';
import { analyticsOutcome, type AnalyticsOutcome } from './state-topic-report';
import type { RunEventSink } from '../web/run-event-sink';

/** Options of one run. */
export interface KafkaPatternOptions {
  /** Valid clickstream events. */
  readonly events: number;
  /** Users (partition keys); one of them is the hot key. */
  readonly users: number;
  /** Partitions of `clickstream`, replacing the template's (`--partitions`). @default what the Kafka stack declares (`kafkaPartitions`) */
  readonly partitions?: number;
  /** Analytics member processes, where the run starts them; the busiest is SIGKILLed mid-run. @default 4 */
  readonly members?: number;
  /** Longest wait for the sessionizer, the analytics members and the dead-letter topic, in ms. @default 90000 */
  readonly deadlineMs?: number;
  /** Progress lines. @default none */
  readonly log?: (line: string) => void;
  /** Typed observations for the live page (`--web`). @default undefined: nothing sent */
  readonly liveEvents?: RunEventSink;
}

/** Ceiling for the consumers on a local broker: the analytics group's rebalance (6 s session timeout) and the sessionizer's retries fit well inside. */
const DEFAULT_DEADLINE_MS = 90_000;
const DEFAULT_MEMBERS = 4;

/** Runs the Kafka pattern on `target` and returns its figures. */
export async function runKafkaPattern(target: KafkaTarget, options: KafkaPatternOptions): Promise<KafkaComparison> {
  const log = options.log ?? (() => undefined);
  const session = await target.open({
    log,
    members: options.members ?? DEFAULT_MEMBERS,
    ...(options.partitions === undefined ? {} : { partitions: options.partitions }),
    ...(options.liveEvents === undefined ? {} : { liveEvents: options.liveEvents }),
  });
  try {
    const runId = newRunPrefix();
    const traffic = session.planTraffic({ events: options.events, users: options.users }, runId);
    const compute = await session.startCompute(traffic);
    try {
      return await runOnSession({ session, compute, traffic, runId, live: options.liveEvents }, options.deadlineMs ?? DEFAULT_DEADLINE_MS, log);
    } finally {
      await compute.stop();
    }
  } finally {
    await session.close();
  }
}

/** One run in progress. */
interface RunParts {
  readonly session: KafkaTargetSession;
  readonly compute: KafkaCompute;
  readonly traffic: PlannedKafkaTraffic;
  readonly runId: string;
  readonly live: RunEventSink | undefined;
}

async function runOnSession({ session, compute, traffic, runId, live }: RunParts, deadlineMs: number, log: (line: string) => void): Promise<KafkaComparison> {
  const deadline = Date.now() + deadlineMs;
  const produced = await produceWithKill(session, compute, traffic);
  const read = readRunRecords(session, traffic);
  const [earliest, byTimestamp, analytics, sessionizer] = await Promise.all([
    read(session.topics.clickstream),
    session.client.replayFrom(session.topics.clickstream, produced.cut, session.replayGroupId(runId)).then(ofRun(traffic)),
    awaitAnalytics(session, traffic, read, deadlineMs),
    compute.awaitSessionizer(traffic, deadlineMs),
  ]);
  log(`kafka: analytics accounted for ${analytics.seen}/${traffic.events.length} events (${analytics.duplicates} duplicates after the rebalance)`);
  live?.emit({ kind: 'kafka-analytics-done', seen: analytics.seen, total: traffic.events.length, duplicates: analytics.duplicates });
  const [deadLetter, compaction] = await Promise.all([awaitDeadLetters(session, traffic, Math.max(0, deadline - Date.now())), compute.compactSessions()]);
  return kafkaComparisonOf({
    session,
    traffic,
    half: produced.half,
    killAt: produced.killAt,
    memberIds: compute.memberIds,
    killedMember: produced.killedMember,
    sessionizer,
    analytics,
    earliest,
    byTimestamp,
    deadLetter,
    compaction,
  });
}

/** Where producing was cut: the timestamp replay reads from `cut`; the member kill came after `killAt` events. */
interface ProducedRun {
  readonly half: number;
  readonly cut: number;
  readonly killAt: number;
  readonly killedMember: string | null;
}

/**
 * Produces the events (poison after the first half, so valid records follow it on its partition)
 * and SIGKILLs the busiest member while records are still produced: its partitions keep growing
 * until the group notices, and their uncommitted records go to the partition's next owner.
 */
async function produceWithKill(session: KafkaTargetSession, compute: KafkaCompute, traffic: PlannedKafkaTraffic): Promise<ProducedRun> {
  const { events } = traffic;
  const produce = (records: readonly ClickstreamRecordToSend[]): Promise<void> => session.client.produce(session.topics.clickstream, records);
  const half = Math.floor(events.length / 2);
  await produce([...events.slice(0, half), ...traffic.poison]);
  // The cut sits strictly between the two halves' record timestamps (CreateTime, set by the producer).
  await sleep(50);
  const cut = Date.now();
  await sleep(50);
  const killAt = half + Math.floor((events.length - half) / 4);
  await produce(events.slice(half, killAt));
  const killedMember = await compute.killBusiestMember();
  await produce(events.slice(killAt));
  return { half, cut, killAt, killedMember };
}

/** Keeps the records of this run (every record, on topics only this run writes to). */
const ofRun =
  (traffic: PlannedKafkaTraffic) =>
  (records: readonly ReadRecord[]): ReadRecord[] =>
    records.filter((record) => record.key.startsWith(traffic.keyPrefix));

/** Reads a whole topic, keeping this run's records. */
function readRunRecords(session: KafkaTargetSession, traffic: PlannedKafkaTraffic): (topic: string) => Promise<ReadRecord[]> {
  return (topic) => session.client.readWhole(topic).then(ofRun(traffic));
}

/** Polls the state topic until every event was processed by some member, or the deadline. */
async function awaitAnalytics(session: KafkaTargetSession, traffic: PlannedKafkaTraffic, read: (topic: string) => Promise<ReadRecord[]>, deadlineMs: number): Promise<AnalyticsOutcome> {
  const expected = new Set(traffic.events.map((event) => event.eventId));
  const { value } = await pollUntil(async () => analyticsOutcome(await read(session.topics.sessions), expected), (outcome) => outcome.lost === 0, {
    deadlineMs,
    intervalMs: session.pollIntervalMs,
  });
  return value;
}

/** Polls the dead-letter topic until every poison record is there, or the deadline; this run's records on it. */
async function awaitDeadLetters(session: KafkaTargetSession, traffic: PlannedKafkaTraffic, deadlineMs: number): Promise<ReadRecord[]> {
  // Failure metadata may carry another key: a record is also ours when it carries one of our poison records.
  const isOurs = (record: ReadRecord): boolean => record.key.startsWith(traffic.keyPrefix) || traffic.poison.some((sent) => isPoisonRecord(record, sent, traffic.keyPrefix));
  const { value } = await pollUntil(
    async () => (await session.client.readWhole(session.topics.deadLetter)).filter(isOurs),
    (records) => everyPoisonDeadLettered(traffic, records),
    { deadlineMs, intervalMs: session.pollIntervalMs },
  );
  return value;
}
