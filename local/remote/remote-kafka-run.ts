/**
 * The Kafka half of a remote run, against the deployed Kafka stack (found through its outputs):
 * the same clickstream as the Kinesis half, for run-unique users, produced keyed by userId with a
 * timestamp cut halfway and a few poison records; then every group is read back: the sessionizer
 * (Lambda, MSK event source) through its DynamoDB session table, the analytics members (Fargate)
 * through the state records they write to the sessions topic, the dead-letter topic, and two replay
 * groups started now (earliest offset, and by timestamp from the cut).
 *
 * It authenticates with IAM (the SDK's default credentials) unless told otherwise: a test points it
 * at a local broker in plaintext. The brokers are probed first, so a machine outside the VPC fails
 * in seconds with what to do (KafkaBrokersUnreachableError).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Admin } from '@platformatic/kafka';
import type { KafkaClientAuth } from '../../runtime/kafka/analytics-member/kafka-connection';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import { produceClickstream, type ClickstreamRecordToSend } from '../../runtime/kafka/producer/produce-clickstream';
import { readWholeTopic, type ReadRecord } from '../kafka/read-topic';
import { replayFromTimestamp } from '../kafka/replay-from-timestamp';
import { analyticsOutcome, type AnalyticsOutcome } from '../kafka/state-topic-report';
import type { DeployedKafka } from './deployed-stacks';
import { assertKafkaReachable } from './kafka-reachability';
import { pollUntil } from '../target/poll-until';
import { newTrafficSeed, planClickstreamEvents } from './run-scoped-clickstream';
import { compareSessions, expectedSessions, readSessions, type SessionCheck } from '../clickstream/session-check';

/** Options of the Kafka half. */
export interface RemoteKafkaRunOptions {
  readonly deployment: DeployedKafka;
  /** TLS and SASL (MSK IAM in AWS); `{}` for a plaintext broker. */
  readonly auth: KafkaClientAuth;
  /** Reads the sessionizer's session table. */
  readonly dynamoDb: DynamoDBDocumentClient;
  /** Prefix of every key of this run. */
  readonly runId: string;
  readonly events: number;
  /** Distinct users besides the hot one. */
  readonly users: number;
  /** Poison records written halfway (not JSON). */
  readonly poisonRecords: number;
  /** Longest wait for the sessionizer, the analytics members and the dead-letter topic, in ms. */
  readonly deadlineMs: number;
  readonly log: (line: string) => void;
  /** The reachability probe's connect timeout, in ms. @default 5000 */
  readonly probeTimeoutMs?: number;
}

/** A poison record as sent. */
export interface SentPoisonRecord {
  readonly key: string;
  readonly raw: string;
}

/** What the deployed Kafka clickstream did with one run's records. */
export interface RemoteKafkaObservation {
  /** The run's valid events, in production order. */
  readonly events: readonly ClickstreamEvent[];
  readonly hotUserId: string;
  readonly poison: readonly SentPoisonRecord[];
  /** Valid events produced after the timestamp cut. */
  readonly producedAfterCut: number;
  /** Partitions of the clickstream topic. */
  readonly partitions: number;
  readonly sessions: SessionCheck;
  readonly analytics: AnalyticsOutcome;
  /** The run's records on the clickstream topic, read by a new group from the earliest offset. */
  readonly earliest: readonly ReadRecord[];
  /** The run's records read by a group that seeks to the cut's timestamp. */
  readonly byTimestamp: readonly ReadRecord[];
  /** The run's records on the dead-letter topic. */
  readonly deadLetter: readonly ReadRecord[];
  /** Sessions, analytics and dead-letter topic had all caught up before the deadline. */
  readonly settled: boolean;
}

/** True when a dead-letter record is one of ours: same key, or it carries our raw poison (as-is or Base64, inside failure metadata). */
export function isRunDeadLetter(record: ReadRecord, poison: readonly SentPoisonRecord[]): boolean {
  return poison.some((sent) => record.key === sent.key || record.value.includes(sent.raw) || record.value.includes(Buffer.from(sent.raw).toString('base64')));
}

/** Sends the traffic, waits for the deployed consumers, and reads back every group. */
export async function runRemoteKafka(options: RemoteKafkaRunOptions): Promise<RemoteKafkaObservation> {
  const { deployment, auth, log } = options;
  const servers = deployment.bootstrapServers;
  const topics = deployment.topics;
  await assertKafkaReachable(deployment, auth, options.probeTimeoutMs);
  const partitions = await partitionCount(deployment, auth);

  const { events, hotUserId } = planClickstreamEvents({
    runId: options.runId, seed: newTrafficSeed(), events: options.events, users: options.users, startTimeMs: Date.now(),
  });
  // Truncated JSON the sessionizer cannot parse; unique per run, so the dead-letter topic shows whose it is.
  const poison: SentPoisonRecord[] = Array.from({ length: options.poisonRecords }, (_, index) => ({ key: `${options.runId}-poison-${index}`, raw: `{"poison":"${options.runId}-${index}"` }));
  const { cut, half } = await produceAroundCut(options, events, poison, partitions);

  const isRunKey = (record: ReadRecord): boolean => record.key.startsWith(`${options.runId}-`);
  const { value, satisfied } = await waitForConsumers(options, events, poison, isRunKey);
  log('kafka: replaying the clickstream topic from the earliest offset and from the cut\'s timestamp');
  const [earliest, byTimestamp] = await Promise.all([
    readWholeTopic({ bootstrapServers: servers, topic: topics.clickstream, auth }),
    replayFromTimestamp({ bootstrapServers: servers, topic: topics.clickstream, fromTimestampMs: cut, groupId: `replay-timestamp-${options.runId}`, auth }),
  ]);
  return {
    events,
    hotUserId,
    poison,
    producedAfterCut: events.length - half,
    partitions,
    sessions: value.sessions,
    analytics: value.analytics,
    earliest: earliest.filter(isRunKey),
    byTimestamp: byTimestamp.filter(isRunKey),
    deadLetter: value.deadLetter,
    settled: satisfied,
  };
}

/** Produces the first half with the poison, then the second half; the cut is a time strictly between them. */
async function produceAroundCut(
  options: RemoteKafkaRunOptions,
  events: readonly ClickstreamEvent[],
  poison: readonly SentPoisonRecord[],
  partitions: number,
): Promise<{ readonly cut: number; readonly half: number }> {
  const { deployment, auth, log } = options;
  const servers = deployment.bootstrapServers;
  const topic = deployment.topics.clickstream;
  const half = Math.floor(events.length / 2);
  log(`kafka: producing ${events.length} events for ${options.users} users plus a hot user, and ${poison.length} poison records, to ${topic} (${partitions} partitions)`);
  const first: ClickstreamRecordToSend[] = [...events.slice(0, half), ...poison];
  await produceClickstream({ bootstrapServers: servers, topic, records: first, auth });
  // The cut sits strictly between the two halves' record timestamps (CreateTime, set by this producer).
  await sleep(50);
  const cut = Date.now();
  await sleep(50);
  await produceClickstream({ bootstrapServers: servers, topic, records: events.slice(half), auth });
  return { cut, half };
}

/** Polls the session table, the analytics state topic and the dead-letter topic until all three caught up, or the deadline. */
async function waitForConsumers(
  options: RemoteKafkaRunOptions,
  events: readonly ClickstreamEvent[],
  poison: readonly SentPoisonRecord[],
  isRunKey: (record: ReadRecord) => boolean,
) {
  const { deployment, auth, log } = options;
  const servers = deployment.bootstrapServers;
  const topics = deployment.topics;
  const expected = expectedSessions(events);
  const expectedIds = new Set(events.map((event) => event.eventId));
  log(`kafka: waiting up to ${Math.round(options.deadlineMs / 1000)} s for the sessionizer's table, the analytics members and the dead-letter topic`);
  return pollUntil(
    async () => {
      const [stored, stateRecords, deadLetterRecords] = await Promise.all([
        readSessions(options.dynamoDb, deployment.sessionTableName, [...expected.keys()]),
        readWholeTopic({ bootstrapServers: servers, topic: topics.sessions, auth }),
        readWholeTopic({ bootstrapServers: servers, topic: topics.deadLetter, auth }),
      ]);
      return {
        sessions: compareSessions(stored, expected, events),
        analytics: analyticsOutcome(stateRecords.filter(isRunKey), expectedIds),
        deadLetter: deadLetterRecords.filter((record) => isRunDeadLetter(record, poison)),
      };
    },
    ({ sessions, analytics, deadLetter }) =>
      sessions.mismatchedUsers.length === 0 && analytics.lost === 0 && poison.every((sent) => deadLetter.some((record) => isRunDeadLetter(record, [sent]))),
    { deadlineMs: options.deadlineMs, intervalMs: 5_000 },
  );
}

async function partitionCount(deployment: DeployedKafka, auth: KafkaClientAuth): Promise<number> {
  const admin = new Admin({ clientId: 'queue-or-stream-remote-metadata', bootstrapBrokers: [...deployment.bootstrapServers], ...auth });
  try {
    const topic = deployment.topics.clickstream;
    const found = (await admin.metadata({ topics: [topic] })).topics.get(topic);
    if (found === undefined) throw new Error(`the deployed cluster of ${deployment.stackName} has no topic ${topic}: redeploy the stack (its topics are created at deploy time)`);
    return found.partitionsCount;
  } finally {
    await admin.close().catch(() => undefined);
  }
}
