/**
 * The Kafka pattern on the embedded target: a real Apache Kafka broker (started for the run, or
 * KAFKA_BOOTSTRAP_SERVERS), its topics and the sessionizer's mapping provisioned from the
 * synthesized Kafka template. The compute is the analytics members as processes (Fargate tasks in
 * AWS), one of them SIGKILLed mid-run, and the sessionizer (state in memory) behind the local MSK
 * event source, which also shows what only a local run can see: what it was handed, and its failed
 * invocations. The cleaner compacts the sessions topic within the run.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@aws-lambda-powertools/logger';
import { CLICKSTREAM_PROCESSOR_DEFAULTS } from '../../runtime/clickstream/processor-lambda/settings';
import { KAFKA_GROUPS } from '../../runtime/kafka/kafka-names';
import { createKafkaSessionizer } from '../../runtime/kafka/sessionizer-lambda/kafka-sessionizer';
import { settleWithin } from '../../runtime/shared/settle-within';
import { EMULATOR_REGION } from '../emulators/emulator-clients';
import { clickstreamTraffic } from '../patterns/clickstream-traffic';
import { startAnalyticsMemberProcess, type AnalyticsMemberProcess } from './analytics-member-processes';
import { awaitCompaction } from './await-compaction';
import { kafkaAvailability } from './kafka-availability';
import type { ProvisionedKafkaStack } from './kafka-stack-template';
import type { KafkaCompute, KafkaTarget, KafkaTargetPlan, KafkaTargetSession, PlannedKafkaTraffic, PoisonRecord } from './kafka-target';
import { kafkaTopicClient } from './kafka-topic-client';
import { createClickstreamTopics } from './kafka-topics';
import { startKafkaBroker, type KafkaBroker } from './local-kafka-broker';
import { MemorySessionStore } from './memory-session-store';
import { createMskEventSourceRunner, type MskEventSourceRunner } from './msk-event-source-runner';
import { readWholeTopic } from './read-topic';
import { runNameSuffix } from './run-name-suffix';
import { observeSessionizer, type SessionizerObserver } from './sessionizer-observer';
import { silentSessionizerMetrics } from './silent-metrics';
import { analyticsOutcome } from './state-topic-report';
import type { AnalyticsStateWatch } from '../web/analytics-state-watch';
import { watchKafkaRun } from '../web/kafka-run-watch';

/** Not JSON, and JSON without the event's fields: both can never succeed, so they must be dead-lettered. */
const POISON: readonly PoisonRecord[] = [
  { key: 'user-0001', raw: '{not json' },
  { key: 'user-0002', raw: '{"type":"click"}' },
];
/** The broker's minimum (`group.min.session.timeout.ms`): the killed member's partitions move soonest. */
const MEMBER_SESSION_TIMEOUT_MS = '6000';
/** How long stopping the runner may take once its records are handled. */
const RUNNER_STOP_TIMEOUT_MS = 15_000;
/** A local broker answers at once: poll every second. */
const POLL_INTERVAL_MS = 1_000;

/** Where the embedded target finds its broker and template. */
export interface EmbeddedKafkaTargetProps {
  /** KAFKA_BOOTSTRAP_SERVERS names an existing broker; without it, Java and Maven (or cached jars) start one. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** CDK context the Kafka stack is synthesized with (`-c key=value`). @default {} - the stack's defaults */
  readonly context?: Readonly<Record<string, unknown>>;
}

/** The embedded Kafka target. */
export function embeddedKafkaTarget(props: EmbeddedKafkaTargetProps = {}): KafkaTarget {
  const env = props.env ?? process.env;
  return {
    unavailable: () => {
      const availability = kafkaAvailability(env);
      // Under CI=true a missing broker is a failure, as in test/factories/kafka-broker-suite.ts.
      return Promise.resolve(availability.available ? undefined : { notRun: availability.reason, required: env.CI === 'true' });
    },
    async open(plan) {
      const broker = await startKafkaBroker({ log: plan.log, env });
      try {
        const suffix = runNameSuffix(broker.origin);
        if (suffix !== '') plan.log(`kafka: an existing broker: this run's topics and groups end in "${suffix}"`);
        const { stack } = await createClickstreamTopics({ bootstrapServers: broker.bootstrapServers, suffix, ...(plan.partitions === undefined ? {} : { partitions: plan.partitions }), ...(props.context === undefined ? {} : { context: props.context }) });
        const partitions = stack.clickstream.partitions;
        plan.log(`kafka: ${stack.stackName}: ${partitions} partitions (${stack.clickstream.partitionsSource}), sessionizer batch ${stack.sessionizer.settings.batchSize}, group ${stack.groups.sessionizer}`);
        plan.liveEvents?.emit({ kind: 'kafka-broker', address: broker.bootstrapServers.join(','), startMs: broker.startMs });
        // Only with the live page: read-only, it shows owners, the rebalance and each group's lag as they happen.
        const watch = plan.liveEvents === undefined ? undefined : await watchKafkaRun({ bootstrapServers: broker.bootstrapServers, stack, sink: plan.liveEvents });
        return sessionOf(broker, stack, suffix, { ...plan, watch });
      } catch (error) {
        await broker.stop();
        throw error;
      }
    },
  };
}

/** The plan, with the live page's watch of the run where there is a page. */
type WatchedPlan = KafkaTargetPlan & { readonly watch: AnalyticsStateWatch | undefined };

function sessionOf(broker: KafkaBroker, stack: ProvisionedKafkaStack, suffix: string, plan: WatchedPlan): KafkaTargetSession {
  const { clickstream } = stack;
  return {
    client: kafkaTopicClient(broker.bootstrapServers, {}),
    topics: stack.topics,
    topic: { name: clickstream.name, partitions: clickstream.partitions, partitionsSource: clickstream.partitionsSource, configs: clickstream.configs },
    notEmulated: stack.notes,
    deployed: undefined,
    brokerStartMs: broker.startMs,
    pollIntervalMs: POLL_INTERVAL_MS,
    replayGroupId: () => `${KAFKA_GROUPS.replayTimestamp}${suffix}`,
    // Topics of this run alone: the shared traffic as is, so the Kinesis pattern gets the very same events and hot user.
    planTraffic: (request) => ({ ...clickstreamTraffic(request), poison: POISON, keyPrefix: '' }),
    startCompute: (traffic) => startLocalCompute({ servers: broker.bootstrapServers, stack, suffix, plan }, traffic),
    close: async () => {
      await plan.watch?.stop();
      await broker.stop();
    },
  };
}

/** What the local compute runs against. */
interface LocalComputeScope {
  readonly servers: readonly string[];
  readonly stack: ProvisionedKafkaStack;
  readonly suffix: string;
  readonly plan: WatchedPlan;
}

/** Starts the analytics members before any record exists, so the group spreads the partitions over them first. */
async function startLocalCompute(scope: LocalComputeScope, traffic: PlannedKafkaTraffic): Promise<KafkaCompute> {
  const { servers, stack, plan } = scope;
  const members = Array.from({ length: plan.members }, (_, index) =>
    startAnalyticsMemberProcess(`member-${index + 1}`, servers, { ANALYTICS_SESSION_TIMEOUT_MS: MEMBER_SESSION_TIMEOUT_MS, ANALYTICS_NAME_SUFFIX: scope.suffix }),
  );
  try {
    await Promise.all(members.map((member) => member.started));
  } catch (error) {
    for (const member of members) member.kill();
    throw error;
  }
  plan.log(`kafka: ${plan.members} analytics members joined; producing ${traffic.events.length} events to ${stack.clickstream.partitions} partitions`);
  plan.liveEvents?.emit({ kind: 'kafka-members-joined', members: plan.members, partitions: stack.clickstream.partitions, events: traffic.events.length });
  let runner: MskEventSourceRunner | undefined;
  // Bounded: a lane still waiting on the broker must not hold the whole run; its figures are already counted.
  const stopRunner = async (): Promise<void> => {
    const running = runner;
    runner = undefined;
    if (running !== undefined && !(await settleWithin(running.stop(), RUNNER_STOP_TIMEOUT_MS))) plan.log('kafka: the MSK event-source runner did not stop in time');
  };
  return {
    memberIds: members.map((member) => member.memberId),
    killBusiestMember: async () => {
      const victim = await busiestMember(servers, stack.topics.sessions, members);
      victim.kill();
      plan.watch?.memberKilled(victim.memberId);
      plan.liveEvents?.emit({ kind: 'kafka-member-killed', memberId: victim.memberId, sessionTimeoutMs: Number(MEMBER_SESSION_TIMEOUT_MS) });
      plan.log(`kafka: SIGKILLed ${victim.memberId} (busy) mid-produce; its partitions move after the ${MEMBER_SESSION_TIMEOUT_MS} ms session timeout`);
      return victim.memberId;
    },
    awaitSessionizer: async (planned, deadlineMs) => {
      const started = sessionizerRunner(scope, planned);
      runner = started.runner;
      try {
        await started.runner.start();
        await awaitHandled(started, planned, deadlineMs, plan.log);
      } finally {
        await stopRunner();
      }
      const observation = started.observer.observation();
      return { ...observation, failedInvocations: started.runner.stats().failedInvocations, settled: observation.seen >= planned.events.length };
    },
    compactSessions: async () => {
      await Promise.all(members.slice(1).map((member) => member.stop()));
      const { keys, recordsAfter } = await awaitCompaction({ bootstrapServers: servers, topic: stack.topics.sessions, partitions: stack.clickstream.partitions });
      return { keys, recordsAfter };
    },
    stop: async () => {
      for (const member of members) member.kill();
      await stopRunner();
    },
  };
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

/** The sessionizer (state in memory) behind the local MSK event source, with the template's mapping settings. */
function sessionizerRunner(scope: LocalComputeScope, traffic: PlannedKafkaTraffic): { observer: SessionizerObserver; runner: MskEventSourceRunner } {
  const { sessionizer } = scope.stack;
  const observer = observeSessionizer(
    createKafkaSessionizer({
      store: new MemorySessionStore(),
      sessionTimeoutSeconds: CLICKSTREAM_PROCESSOR_DEFAULTS.sessionTimeoutSeconds,
      logger: new Logger({ serviceName: 'kafka-sessionizer', logLevel: 'CRITICAL' }),
      metrics: silentSessionizerMetrics(),
    }),
    new Map(traffic.events.map((event, index) => [event.eventId, index])),
  );
  const runner = createMskEventSourceRunner({
    bootstrapServers: scope.servers,
    topic: sessionizer.topic,
    ...(sessionizer.deadLetterTopic === undefined ? {} : { deadLetterTopic: sessionizer.deadLetterTopic }),
    settings: sessionizer.settings,
    handler: observer.handler,
    function: { functionName: 'kafka-sessionizer', timeoutSeconds: 60, region: EMULATOR_REGION },
    log: (line) => scope.plan.log(`kafka: ${line}`),
    onDeadLettered: (records, partition, topic) => scope.plan.liveEvents?.emit({ kind: 'kafka-dead-letter', records, partition, topic }),
  });
  return { observer, runner };
}

/**
 * Until every record was handled (completed or dead-lettered) and every valid event reached the
 * handler, or the runner's own catch-up check holds, or the deadline: the figures then say what was
 * seen. The runner's check alone once waited out its ceiling with every record already handled.
 */
async function awaitHandled(
  { runner, observer }: { runner: MskEventSourceRunner; observer: SessionizerObserver },
  traffic: PlannedKafkaTraffic,
  deadlineMs: number,
  log: (line: string) => void,
): Promise<void> {
  const records = traffic.events.length + traffic.poison.length;
  const valid = traffic.events.length;
  let caughtUp = false;
  const check = runner.waitUntilCaughtUp({ timeoutMs: deadlineMs }).then(
    () => (caughtUp = true),
    (error: Error) => log(`kafka: ${error.message}`),
  );
  const handled = (): boolean => {
    const stats = runner.stats();
    return stats.recordsCompleted + stats.recordsDiscarded >= records && observer.observation().seen >= valid;
  };
  for (let waited = 0; !caughtUp && !handled() && waited < deadlineMs; waited += 250) await sleep(250);
  if (!caughtUp && !handled()) await check;
}
