/**
 * The Kafka pattern on the deployed Kafka stack (found through its outputs): the stack's own
 * consumers do the work, the sessionizer (Lambda, MSK event source) and the analytics members
 * (Fargate tasks), so the run starts no compute, kills no member and cannot wait for the cleaner
 * (hourly segments). The sessionizer is observed through its DynamoDB session table. Users are
 * unique to the run (the topics and the table hold earlier runs), and so are the poison records.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { KafkaNotRun } from '../comparison/kafka-comparison';
import { compareSessions, expectedSessions, readSessions } from '../clickstream/session-check';
import type { DeployedKafka } from '../remote/deployed-stacks';
import { newTrafficSeed, planClickstreamEvents } from '../remote/run-scoped-clickstream';
import { pollUntil } from '../target/poll-until';
import { assertKafkaReachable, deployedKafkaAuth, deployedPartitionCount, type RegionSource } from './deployed-kafka-access';
import { KafkaNotDeployedError } from '../remote/kafka-target-errors';
import { kafkaTopicClient } from './kafka-topic-client';
import type { KafkaCompute, KafkaTarget, KafkaTargetSession, PlannedKafkaTraffic } from './kafka-target';

/** Where the deployed Kafka clickstream is, or why it cannot be used. */
export interface DeployedKafkaTargetProps {
  readonly deployment: DeployedKafka | KafkaNotRun;
  readonly clients: { readonly cloudFormation: RegionSource; readonly dynamoDb: DynamoDBDocumentClient };
  /** KAFKA_AUTH (`iam` default, `none` for a plaintext broker) and AWS_REGION. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** The reachability probe's connect timeout, in ms. @default 5000 */
  readonly probeTimeoutMs?: number;
}

/** Deployed consumers catch up in seconds to minutes, and every read is a network call: every 5 s. */
const POLL_INTERVAL_MS = 5_000;
/** One poison record per 200 events (at least one), as the Kinesis pattern writes. */
const POISON_PER_EVENT = 0.005;

/** A target whose consumers are the deployed stack's. */
export function deployedKafkaTarget(props: DeployedKafkaTargetProps): KafkaTarget {
  const { deployment } = props;
  return {
    unavailable: () => Promise.resolve('notRun' in deployment ? deployment : undefined),
    async open(plan) {
      if ('notRun' in deployment) throw new KafkaNotDeployedError(deployment.notRun);
      const auth = await deployedKafkaAuth(props.clients.cloudFormation, props.env ?? process.env);
      await assertKafkaReachable(deployment, auth, props.probeTimeoutMs);
      const partitions = await deployedPartitionCount(deployment, auth);
      const session: KafkaTargetSession = {
        client: kafkaTopicClient(deployment.bootstrapServers, auth),
        topics: deployment.topics,
        topic: { name: deployment.topics.clickstream, partitions, partitionsSource: 'deployed', configs: null },
        notEmulated: [],
        deployed: { stackName: deployment.stackName, clusterMode: deployment.clusterMode },
        brokerStartMs: null,
        pollIntervalMs: POLL_INTERVAL_MS,
        replayGroupId: (runId) => `replay-timestamp-${runId}`,
        planTraffic: (request, runId) => ({
          ...planClickstreamEvents({ runId, seed: newTrafficSeed(), events: request.events, users: request.users, startTimeMs: Date.now() }),
          // Truncated JSON the sessionizer cannot parse; unique per run, so the dead-letter topic shows whose it is.
          poison: Array.from({ length: Math.max(1, Math.round(request.events * POISON_PER_EVENT)) }, (_, index) => ({ key: `${runId}-poison-${index}`, raw: `{"poison":"${runId}-${index}"` })),
          keyPrefix: `${runId}-`,
        }),
        startCompute: (traffic) => {
          plan.log(`kafka: producing ${traffic.events.length} events and ${traffic.poison.length} poison records to ${deployment.topics.clickstream} (${partitions} partitions); the deployed sessionizer and analytics tasks consume`);
          return Promise.resolve(platformCompute(deployment, props.clients.dynamoDb));
        },
        // The clients belong to the caller, which closes them once every pattern is done.
        close: () => Promise.resolve(),
      };
      return session;
    },
  };
}

/** The deployed functions and tasks play the consumers: nothing to start, kill, compact or stop. */
function platformCompute(deployment: DeployedKafka, dynamoDb: DynamoDBDocumentClient): KafkaCompute {
  return {
    memberIds: null,
    killBusiestMember: () => Promise.resolve(null),
    awaitSessionizer: (traffic, deadlineMs) => awaitSessionTable(deployment.sessionTableName, dynamoDb, traffic, deadlineMs),
    compactSessions: () => Promise.resolve(null),
    stop: () => Promise.resolve(),
  };
}

/** Polls the session table until every user's stored session is the fold of their events, or the deadline. */
async function awaitSessionTable(tableName: string, dynamoDb: DynamoDBDocumentClient, traffic: PlannedKafkaTraffic, deadlineMs: number) {
  const expected = expectedSessions(traffic.events);
  const { value, satisfied } = await pollUntil(
    async () => compareSessions(await readSessions(dynamoDb, tableName, [...expected.keys()]), expected, traffic.events),
    (sessions) => sessions.mismatchedUsers.length === 0,
    { deadlineMs, intervalMs: POLL_INTERVAL_MS },
  );
  // A user whose stored session differs from the fold of their events counts as a per-key inversion.
  return {
    seen: value.eventsOfMatchingUsers,
    perKeyOrderInversions: value.mismatchedUsers.length,
    crossPartitionInterleavings: null,
    recordsAfterPoisonOnItsPartition: null,
    failedInvocations: null,
    settled: satisfied,
  };
}
