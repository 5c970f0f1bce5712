/**
 * One Kafka clickstream run that yields the comparison's third column: produce to `clickstream`
 * keyed by userId (a hot user and two poison records included), run the sessionizer through the
 * local MSK event-source runner, the analytics group as member processes (the busiest SIGKILLed while
 * records are still produced), a replay from the earliest offset and one by timestamp, then
 * compaction of `clickstream-sessions` (sped up only after the analytics group's records were counted).
 * Everything it starts, it stops (the broker too, unless it came from KAFKA_BOOTSTRAP_SERVERS).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@aws-lambda-powertools/logger';
import { silentSessionizerMetrics } from './silent-metrics';
import { aggregateClickstream } from '../../runtime/clickstream/dashboard-lambda/aggregate';
import { clickstreamTraffic } from '../patterns/clickstream-traffic';
import { createKafkaSessionizer } from '../../runtime/kafka/sessionizer-lambda/kafka-sessionizer';
import { parseClickstreamEvent, type ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import { KAFKA_GROUPS } from '../../runtime/kafka/kafka-names';
import type { KafkaComparison } from '../comparison/kafka-comparison';
import { startAnalyticsMemberProcess, type AnalyticsMemberProcess } from './analytics-member-processes';
import { awaitCompaction } from './await-compaction';
import { createClickstreamTopics } from './kafka-topics';
import type { ClickstreamTopicNames, ProvisionedKafkaStack } from './kafka-stack-template';
import { startKafkaBroker } from './local-kafka-broker';
import { runNameSuffix } from './run-name-suffix';
import { MemorySessionStore } from './memory-session-store';
import { createMskEventSourceRunner, type MskEventSourceRunner } from './msk-event-source-runner';
import { settleWithin } from '../../runtime/shared/settle-within';
import { produceClickstream, type ClickstreamRecordToSend } from '../../runtime/kafka/producer/produce-clickstream';
import { readWholeTopic, type ReadRecord } from './read-topic';
import { replayFromTimestamp } from './replay-from-timestamp';
import { observeSessionizer, type SessionizerObserver } from './sessionizer-observer';
import { analyticsOutcome, type AnalyticsOutcome } from './state-topic-report';
import { partitionLoad } from './partition-load';
import { CLICKSTREAM_PROCESSOR_DEFAULTS } from '../../runtime/clickstream/processor-lambda/settings';
import { EMULATOR_REGION } from '../emulators/emulator-clients';

/** Size of a run. */
export interface KafkaComparisonOptions {
  /** Valid clickstream events. */
  readonly events: number;
  /** Users (partition keys); one of them is the hot key. */
  readonly users: number;
  /** Partitions of `clickstream` and `clickstream-sessions`, replacing the template's (`--partitions`). @default what the Kafka stack declares (`kafkaPartitions`) */
  readonly partitions?: number;
  /** Analytics member processes; the busiest is SIGKILLed mid-run. @default 4 - members beyond the partitions stay idle until a rebalance */
  readonly members?: number;
  /** CDK context the Kafka stack is synthesized with (`-c key=value`). @default {} - the stack's defaults */
  readonly context?: Readonly<Record<string, unknown>>;
  /** Progress lines. @default none */
  readonly log?: (line: string) => void;
  /** Environment (KAFKA_BOOTSTRAP_SERVERS names an existing broker). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Not JSON, and JSON without the event's fields: both can never succeed, so they must be dead-lettered. */
const POISON: readonly ClickstreamRecordToSend[] = [
  { key: 'user-0001', raw: '{not json' },
  { key: 'user-0002', raw: '{"type":"click"}' },
];
/** Ceiling for the analytics group to account for every event after the kill (session timeout 6 s, then a rebalance). */
const ANALYTICS_DEADLINE_MS = 90_000;
/** The broker's minimum (`group.min.session.timeout.ms`): the killed member's partitions move soonest. */
const MEMBER_SESSION_TIMEOUT_MS = '6000';
/** Ceiling for the sessionizer to handle every record (a few batches per partition, with retries and bisect). */
const SESSIONIZER_DEADLINE_MS = 90_000;
/** How long stopping the runner may take once its records are handled. */
const RUNNER_STOP_TIMEOUT_MS = 15_000;


/** The valid clickstream events among records read back (poison skipped). */
export function validEvents(records: readonly ReadRecord[]): ClickstreamEvent[] {
  return records.flatMap((record) => {
    try {
      return [parseClickstreamEvent(JSON.parse(record.value))];
    } catch {
      return [];
    }
  });
}

/** The dashboard's aggregates of `read` equal those of `expected`. */
export const sameAggregates = (read: readonly ClickstreamEvent[], expected: readonly ClickstreamEvent[]): boolean =>
  JSON.stringify(aggregateClickstream([...read])) === JSON.stringify(aggregateClickstream([...expected]));

/** Polls the state topic until every event was processed by some member, or the ceiling. */
async function awaitAnalytics(servers: readonly string[], topic: string, expected: ReadonlySet<string>): Promise<AnalyticsOutcome> {
  let outcome = analyticsOutcome([], expected);
  for (let waited = 0; outcome.lost > 0 && waited < ANALYTICS_DEADLINE_MS; waited += 1000) {
    await sleep(1000);
    outcome = analyticsOutcome(await readWholeTopic({ bootstrapServers: servers, topic }), expected);
  }
  return outcome;
}

/**
 * The member that has processed the most so far: killing an idle member (one beyond the partitions)
 * would move nothing. Falls back to the first member when none has written yet.
 */
async function busiestMember(servers: readonly string[], stateTopic: string, members: readonly AnalyticsMemberProcess[]): Promise<AnalyticsMemberProcess> {
  const { perMember } = analyticsOutcome(await readWholeTopic({ bootstrapServers: servers, topic: stateTopic }), new Set());
  const ranked = [...members].sort((a, b) => (perMember[b.memberId] ?? 0) - (perMember[a.memberId] ?? 0));
  const first = ranked[0];
  if (first === undefined) throw new Error('no analytics member to kill');
  return first;
}

/**
 * Until every record was handled (completed or dead-lettered) and every valid event reached the
 * handler, or the runner's own catch-up check holds, or the ceiling: the figures then say what was
 * seen. The runner's check alone once waited out its ceiling with every record already handled.
 */
async function awaitSessionizer(runner: MskEventSourceRunner, observer: SessionizerObserver, records: number, valid: number, log: (line: string) => void): Promise<void> {
  let caughtUp = false;
  const check = runner.waitUntilCaughtUp({ timeoutMs: SESSIONIZER_DEADLINE_MS }).then(
    () => (caughtUp = true),
    (error: Error) => log(`kafka: ${error.message}`),
  );
  const handled = (): boolean => {
    const stats = runner.stats();
    return stats.recordsCompleted + stats.recordsDiscarded >= records && observer.observation().seen >= valid;
  };
  for (let waited = 0; !caughtUp && !handled() && waited < SESSIONIZER_DEADLINE_MS; waited += 250) await sleep(250);
  if (caughtUp || handled()) return;
  await check;
}

/** The records of one run, and where the timestamp replay and the member kill cut them. */
interface ProducedRun {
  readonly events: readonly ClickstreamEvent[];
  /** Events before the timestamp cut (the by-timestamp replay reads the rest). */
  readonly half: number;
  readonly cut: number;
  /** Events produced before the busiest member was SIGKILLed. */
  readonly killAt: number;
  readonly victim: AnalyticsMemberProcess;
}

/**
 * Produces the events (poison halfway, so valid records follow it on its partition) and SIGKILLs
 * the busiest member while records are still produced: its partitions keep growing until the group
 * notices, and their uncommitted records go to the partition's next owner.
 */
async function produceWithKill(servers: readonly string[], topics: ClickstreamTopicNames, events: readonly ClickstreamEvent[], members: readonly AnalyticsMemberProcess[], log: (line: string) => void): Promise<ProducedRun> {
  const half = Math.floor(events.length / 2);
  await produceClickstream({ bootstrapServers: servers, topic: topics.clickstream, records: [...events.slice(0, half), ...POISON] });
  await sleep(50);
  const cut = Date.now();
  await sleep(50);
  const killAt = half + Math.floor((events.length - half) / 4);
  await produceClickstream({ bootstrapServers: servers, topic: topics.clickstream, records: events.slice(half, killAt) });
  const victim = await busiestMember(servers, topics.sessions, members);
  victim.kill();
  log(`kafka: SIGKILLed ${victim.memberId} (busy) mid-produce; its partitions move after the ${MEMBER_SESSION_TIMEOUT_MS} ms session timeout`);
  await produceClickstream({ bootstrapServers: servers, topic: topics.clickstream, records: events.slice(killAt) });
  return { events, half, cut, killAt, victim };
}

/** The sessionizer (state in memory) behind the local MSK event source, with the template's mapping settings. */
function sessionizerRunner(servers: readonly string[], stack: ProvisionedKafkaStack, events: readonly ClickstreamEvent[], log: (line: string) => void): { observer: SessionizerObserver; runner: MskEventSourceRunner } {
  const observer = observeSessionizer(
    createKafkaSessionizer({
      store: new MemorySessionStore(),
      sessionTimeoutSeconds: CLICKSTREAM_PROCESSOR_DEFAULTS.sessionTimeoutSeconds,
      logger: new Logger({ serviceName: 'kafka-sessionizer', logLevel: 'CRITICAL' }),
      metrics: silentSessionizerMetrics(),
    }),
    new Map(events.map((event, index) => [event.eventId, index])),
  );
  const runner = createMskEventSourceRunner({
    bootstrapServers: servers,
    topic: stack.sessionizer.topic,
    ...(stack.sessionizer.deadLetterTopic === undefined ? {} : { deadLetterTopic: stack.sessionizer.deadLetterTopic }),
    settings: stack.sessionizer.settings,
    handler: observer.handler,
    function: { functionName: 'kafka-sessionizer', timeoutSeconds: 60, region: EMULATOR_REGION },
    log: (line) => log(`kafka: ${line}`),
  });
  return { observer, runner };
}

/** What the run observed, read back from the topics and the consumers. */
interface RunObservations {
  readonly earliest: readonly ReadRecord[];
  readonly byTimestamp: readonly ReadRecord[];
  readonly deadLetter: readonly ReadRecord[];
  readonly analytics: AnalyticsOutcome;
  readonly sessionizer: ReturnType<SessionizerObserver['observation']>;
  readonly failedInvocations: number;
  readonly compaction: { readonly keys: number; readonly recordsAfter: number };
}

/** The column's figures from what was run and observed. */
function kafkaComparisonOf(stack: ProvisionedKafkaStack, brokerStartMs: number, members: readonly AnalyticsMemberProcess[], run: ProducedRun, seen: RunObservations, hotUserId: string): KafkaComparison {
  const { events, half } = run;
  const partitions = stack.clickstream.partitions;
  const poisonValues = new Set(POISON.map((record) => ('raw' in record ? record.raw : '')));
  const earliestValid = validEvents(seen.earliest);
  const byTimestampValid = validEvents(seen.byTimestamp);
  return {
    produced: events.length,
    poisonWritten: POISON.length,
    partitions,
    topic: { name: stack.clickstream.name, partitions, partitionsSource: stack.clickstream.partitionsSource, configs: stack.clickstream.configs },
    notEmulated: stack.notes,
    members: members.length,
    brokerStartMs,
    groups: {
      sessionizer: { seen: seen.sessionizer.seen },
      analytics: { seen: seen.analytics.seen },
      'replay-earliest': { seen: new Set(earliestValid.map((event) => event.eventId)).size },
    },
    // A member with no record (idle: no partition) still gets its 0.
    perMember: { ...Object.fromEntries(members.map((member) => [member.memberId, 0])), ...seen.analytics.perMember },
    idleMembers: Math.max(0, members.length - partitions),
    replayFromTimestamp: { seen: byTimestampValid.length, expected: events.length - half },
    perKeyOrderInversions: seen.sessionizer.perKeyOrderInversions + seen.analytics.perKeyOrderInversions,
    crossPartitionInterleavings: seen.sessionizer.crossPartitionInterleavings,
    killedMember: run.victim.memberId,
    rebalance: { lost: seen.analytics.lost, duplicates: seen.analytics.duplicates, producedAfterKill: events.length - run.killAt },
    replayAggregatesEqual: sameAggregates(earliestValid, events) && sameAggregates(byTimestampValid, events.slice(half)),
    deadLettered: seen.deadLetter.filter((record) => poisonValues.has(record.value)).length,
    deadLetterTopicRecords: seen.deadLetter.length,
    failedInvocations: seen.failedInvocations,
    recordsAfterPoisonOnItsPartition: seen.sessionizer.recordsAfterPoisonOnItsPartition,
    ...partitionLoad(seen.earliest, hotUserId),
    compaction: { keys: seen.compaction.keys, recordsAfter: seen.compaction.recordsAfter },
  };
}

/** Runs the sessionizer and reads back what every group did: sessionizer, analytics, both replays. */
async function observeConsumers(servers: readonly string[], stack: ProvisionedKafkaStack, run: ProducedRun, suffix: string, log: (line: string) => void): Promise<Omit<RunObservations, 'deadLetter' | 'compaction'>> {
  const { topics } = stack;
  const { observer, runner } = sessionizerRunner(servers, stack, run.events, log);
  await runner.start();
  const [earliest, byTimestamp, analytics] = await Promise.all([
    readWholeTopic({ bootstrapServers: servers, topic: topics.clickstream }),
    replayFromTimestamp({ bootstrapServers: servers, topic: topics.clickstream, fromTimestampMs: run.cut, groupId: `${KAFKA_GROUPS.replayTimestamp}${suffix}` }),
    awaitAnalytics(servers, topics.sessions, new Set(run.events.map((event) => event.eventId))),
    awaitSessionizer(runner, observer, run.events.length + POISON.length, run.events.length, log),
  ]);
  // Bounded: a lane still waiting on the broker must not hold the whole run; its figures are already counted.
  if (!(await settleWithin(runner.stop(), RUNNER_STOP_TIMEOUT_MS))) log('kafka: the MSK event-source runner did not stop in time');
  return { earliest, byTimestamp, analytics, sessionizer: observer.observation(), failedInvocations: runner.stats().failedInvocations };
}

/** Runs the Kafka pattern once on a local (or KAFKA_BOOTSTRAP_SERVERS) broker. */
export async function runKafkaComparison(options: KafkaComparisonOptions): Promise<KafkaComparison> {
  const log = options.log ?? (() => undefined);
  const memberCount = options.members ?? 4;
  const broker = await startKafkaBroker({ log, ...(options.env === undefined ? {} : { env: options.env }) });
  const members: AnalyticsMemberProcess[] = [];
  try {
    const servers = broker.bootstrapServers;
    const suffix = runNameSuffix(broker.origin);
    if (suffix !== '') log(`kafka: an existing broker: this run's topics and groups end in "${suffix}"`);
    const { stack } = await createClickstreamTopics({ bootstrapServers: servers, suffix, ...(options.partitions === undefined ? {} : { partitions: options.partitions }), ...(options.context === undefined ? {} : { context: options.context }) });
    const partitions = stack.clickstream.partitions;
    log(`kafka: ${stack.stackName}: ${partitions} partitions (${stack.clickstream.partitionsSource}), sessionizer batch ${stack.sessionizer.settings.batchSize}, group ${stack.groups.sessionizer}`);
    // The same events, users and hot user as the Kinesis pattern, so the two columns compare.
    const { events, hotUserId } = clickstreamTraffic({ events: options.events, users: options.users });
    // The members join before any record exists, so the group spreads the partitions over them first.
    members.push(
      ...Array.from({ length: memberCount }, (_, index) =>
        startAnalyticsMemberProcess(`member-${index + 1}`, servers, { ANALYTICS_SESSION_TIMEOUT_MS: MEMBER_SESSION_TIMEOUT_MS, ANALYTICS_NAME_SUFFIX: suffix }),
      ),
    );
    await Promise.all(members.map((member) => member.started));
    log(`kafka: ${memberCount} analytics members joined; producing ${events.length} events to ${partitions} partitions`);
    const run = await produceWithKill(servers, stack.topics, events, members, log);
    const seen = await observeConsumers(servers, stack, run, suffix, log);
    await Promise.all(members.slice(1).map((member) => member.stop()));
    const [deadLetter, compaction] = await Promise.all([
      readWholeTopic({ bootstrapServers: servers, topic: stack.topics.deadLetter }),
      awaitCompaction({ bootstrapServers: servers, topic: stack.topics.sessions, partitions }),
    ]);
    log(`kafka: analytics accounted for ${seen.analytics.seen}/${events.length} events (${seen.analytics.duplicates} duplicates after the rebalance)`);
    return kafkaComparisonOf(stack, broker.startMs, members, run, { ...seen, deadLetter, compaction }, hotUserId ?? '');
  } finally {
    for (const member of members) member.kill();
    await broker.stop();
  }
}
