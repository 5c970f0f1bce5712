/**
 * The Kafka clickstream in `npm run dev`: a real Apache Kafka broker (or KAFKA_BOOTSTRAP_SERVERS),
 * the three topics, the `sessionizer` group through the local MSK event-source runner (the real
 * handler; sessions in memory) and the `analytics` group's competing members, all reading until
 * stopped. Without Java/Maven it is skipped with the reason printed (the other patterns still run);
 * under CI=true that is a failure, as in the Kafka test suites.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { silentSessionizerMetrics } from '../kafka/silent-metrics';
import { AnalyticsMember } from '../../runtime/kafka/analytics-member/analytics-member';
import { createKafkaSessionizer } from '../../runtime/kafka/sessionizer-lambda/kafka-sessionizer';
import { KAFKA_GROUPS } from '../../runtime/kafka/kafka-names';
import { kafkaAvailability, type KafkaAvailability } from '../kafka/kafka-availability';
import { kafkaJarsDirectory } from '../kafka/kafka-jars';
import { runNameSuffix } from '../kafka/run-name-suffix';
import { KafkaUnavailableError } from '../kafka/kafka-prerequisites';
import { createClickstreamTopics, type ClickstreamTopicNames, type CreatedClickstreamTopics } from '../kafka/kafka-topics';
import { startKafkaBroker, type KafkaBroker } from '../kafka/local-kafka-broker';
import { MemorySessionStore } from '../kafka/memory-session-store';
import { createMskEventSourceRunner, type MskEventSourceRunner } from '../kafka/msk-event-source-runner';
import { watchKafkaRun } from '../web/kafka-run-watch';
import { StartedResources, type DevComponent, type DevContext, type DevDescription, type RunningDevComponent } from './dev-component';

/** Partitions of the dev topics: as many as the members, so each member owns one. */
const PARTITIONS = 2;
/** Analytics members (in this process; Fargate tasks in AWS, separate processes in `npm start`). */
const MEMBERS = 2;

/** What the component is built from; tests replace the availability check and the environment. */
export interface KafkaDevComponentProps {
  /** @default kafkaAvailability (KAFKA_BOOTSTRAP_SERVERS, or Java 17+ with cached jars or Maven) */
  readonly availability?: (env: NodeJS.ProcessEnv) => KafkaAvailability;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** The component that says why it did not run. */
function skipped(reason: string): RunningDevComponent {
  return {
    description: { endpoints: {}, consumers: {}, examples: [], skipped: reason },
    status: () => ({ skipped: reason }),
    stop: () => Promise.resolve(),
  };
}

/** The sessionizer: the real handler through the local MSK event source, sessions in memory. */
function sessionizerRunner(servers: readonly string[], topics: CreatedClickstreamTopics, store: MemorySessionStore, context: Pick<DevContext, 'liveEvents'>, log: (line: string) => void): MskEventSourceRunner {
  return createMskEventSourceRunner({
    bootstrapServers: servers,
    topic: topics.clickstream,
    deadLetterTopic: topics.deadLetter,
    // The mapping the Kafka stack declares (its group id carries this run's suffix).
    settings: topics.stack.sessionizer.settings,
    handler: createKafkaSessionizer({
      store,
      sessionTimeoutSeconds: 1800,
      logger: new Logger({ serviceName: 'kafka-sessionizer', logLevel: 'WARN' }),
      metrics: silentSessionizerMetrics(),
    }),
    function: { functionName: 'kafka-sessionizer', timeoutSeconds: 60, region: 'us-east-1' },
    log,
    onDeadLettered: (records, partition, topic) => context.liveEvents?.emit({ kind: 'kafka-dead-letter', records, partition, topic }),
  });
}

/** The consumer-groups tool's main class (Kafka 4: in kafka-tools, not in the broker's jars). */
const CONSUMER_GROUP_COMMAND = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand';

/**
 * `kafka-consumer-groups --describe` for `group`. For the local broker, with the jars dev downloaded:
 * the tool's class is in org.apache.kafka:kafka-tools, which the broker does not need, so the
 * command first copies that one jar next to them (Maven, once) when it is missing.
 */
export function consumerGroupsCommand(bootstrap: string, group: string, localVersion: string | undefined): string {
  const describe = `--bootstrap-server ${bootstrap} --describe --group ${group}`;
  if (localVersion === undefined) return `kafka-consumer-groups.sh ${describe}`;
  const libs = kafkaJarsDirectory(localVersion);
  const fetchTools = `[ -f ${libs}/kafka-tools-${localVersion}.jar ] || mvn -q dependency:copy -Dartifact=org.apache.kafka:kafka-tools:${localVersion} -DoutputDirectory=${libs}`;
  return `${fetchTools}; java -cp '${libs}/*' ${CONSUMER_GROUP_COMMAND} ${describe}`;
}

/** Where a client finds the topics and groups, with ready commands. */
function kafkaDescription(broker: KafkaBroker, topics: ClickstreamTopicNames, suffix: string): DevDescription {
  const bootstrap = broker.bootstrapServers.join(',');
  // The timestamp is the shell's current time when the command runs (closing and reopening the single quotes).
  const event = JSON.stringify({ eventId: 'kcat-1', type: 'page_view', userId: 'user-1', page: '/home', timestamp: 'NOW' }).replace('"NOW"', `"'"$(date -u +%Y-%m-%dT%H:%M:%SZ)"'"`);
  return {
    endpoints: { kafka: bootstrap },
    topics: { clickstream: topics.clickstream, sessions: `${topics.sessions} (compacted)`, deadLetter: topics.deadLetter },
    consumers: {
      sessionizer: `group ${KAFKA_GROUPS.sessionizer}${suffix}: the sessionizer handler through the local MSK event source (sessions in memory); failed records to ${topics.deadLetter}`,
      analytics: `group ${KAFKA_GROUPS.analytics}${suffix}: ${MEMBERS} competing members, latest state per user to ${topics.sessions}`,
    },
    examples: [
      `npm run produce:kafka -- --bootstrap-servers ${bootstrap} --topic ${topics.clickstream} --events 1000 --users 50`,
      // kcat's default partitioner (consistent_random, CRC32) puts a key on another partition than the Java clients' murmur2 does.
      `echo 'user-1|${event}' | kcat -b ${bootstrap} -P -t ${topics.clickstream} -K '|' -X partitioner=murmur2_random   # murmur2_random: keys land where the Java clients put them`,
      consumerGroupsCommand(bootstrap, `${KAFKA_GROUPS.sessionizer}${suffix}`, broker.origin === 'local' ? broker.version : undefined),
      `KAFKA_BOOTSTRAP_SERVERS=${bootstrap} npm run bench:kafka`,
    ],
  };
}

async function startRunning(context: DevContext, env: NodeJS.ProcessEnv): Promise<RunningDevComponent> {
  const log = (line: string): void => context.log(`kafka: ${line}`);
  const started = new StartedResources();
  try {
    const broker: KafkaBroker = started.add(await startKafkaBroker({ env, log }), (it) => it.stop());
    const servers = broker.bootstrapServers;
    const suffix = runNameSuffix(broker.origin);
    const topics = await createClickstreamTopics({ bootstrapServers: servers, partitions: PARTITIONS, suffix });
    const store = new MemorySessionStore();
    const runner = started.add(sessionizerRunner(servers, topics, store, context, log), (it) => it.stop());
    const members = Array.from({ length: MEMBERS }, (_, index) =>
      started.add(
        new AnalyticsMember({
          connection: { bootstrapBrokers: [...servers] },
          memberId: `member-${index + 1}`,
          groupId: `${KAFKA_GROUPS.analytics}${suffix}`,
          sourceTopic: topics.clickstream,
          stateTopic: topics.sessions,
          log,
        }),
        (it) => it.stop(),
      ),
    );
    await Promise.all([runner.start(), ...members.map((member) => member.start())]);
    const live = context.liveEvents;
    if (live !== undefined) {
      live.emit({ kind: 'kafka-broker', address: servers.join(','), startMs: broker.startMs });
      live.emit({ kind: 'kafka-members-joined', members: MEMBERS, partitions: PARTITIONS, events: 0 });
      // The members' state records say who processed which partition (the page's lanes and owners); the groups' commits their lag.
      started.add(await watchKafkaRun({ bootstrapServers: servers, stack: topics.stack, sink: live }), (watch) => watch.stop());
    }
    return {
      description: kafkaDescription(broker, topics, suffix),
      status: () => {
        const runnerStats = runner.stats();
        return {
          sessionizer: { recordsCompleted: runnerStats.recordsCompleted, recordsDiscarded: runnerStats.recordsDiscarded, users: store.size },
          analytics: Object.fromEntries(members.map((member, index) => [`member-${index + 1}`, { ...member.stats, partitions: member.assignedPartitions }])),
        };
      },
      stop: () => started.stopAll(),
    };
  } catch (error) {
    await started.stopAll();
    throw error;
  }
}

/** Builds the Kafka component. */
export function createKafkaDevComponent(props: KafkaDevComponentProps = {}): DevComponent {
  const env = props.env ?? process.env;
  const availability = props.availability ?? kafkaAvailability;
  return {
    name: 'kafka',
    async start(context) {
      const found = availability(env);
      if (found.available) return startRunning(context, env);
      // Under CI a missing broker is a failure, never a silent skip.
      if (env.CI === 'true') throw new KafkaUnavailableError(`${found.reason} (CI=true: a missing broker is a failure)`);
      context.log(`kafka: skipped: ${found.reason}`);
      return skipped(found.reason);
    },
  };
}

/** The Kafka clickstream (a real broker, two consumer groups). */
export const kafkaDevComponent: DevComponent = createKafkaDevComponent();
