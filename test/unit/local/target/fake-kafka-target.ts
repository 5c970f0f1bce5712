/**
 * An in-memory Kafka target for unit tests of the shared run: a topic stand-in with partitions
 * (keys hashed onto them, offsets and timestamps per record), and "deployed" consumers that act on
 * every record produced the way the stack's do: the sessionizer dead-letters what it cannot parse,
 * the analytics members record each event on the sessions topic. Like a deployed stack it runs no
 * member the run could kill and no cleaner; `withMembers` gives it killable members instead, as the
 * embedded target has.
 */
import type { ClickstreamEvent } from '../../../../runtime/shared/clickstream-events';
import { latestStateOf } from '../../../../runtime/kafka/analytics-member/session-state-record';
import { generateClickstreamEvents } from '../../../../runtime/clickstream/producer/generate-events';
import type { KafkaCompute, KafkaTarget, KafkaTargetSession, SessionizerFigures } from '../../../../local/kafka/kafka-target';
import type { ReadRecord } from '../../../../local/kafka/read-topic';

const PARTITIONS = 3;
const TOPICS = { clickstream: 'clickstream', sessions: 'clickstream-sessions', deadLetter: 'clickstream-dlq' };

/** What a test steers. */
export interface FakeKafkaWorld {
  readonly target: KafkaTarget;
  /** The analytics members never record the hot user's events. */
  loseHotUser(): void;
  /** The sessionizer never dead-letters: the poison vanishes. */
  dropPoison(): void;
  /** The run starts these members and may kill the busiest (its keys move to the others). */
  withMembers(memberIds: readonly string[]): void;
  /** Records of another run already on the topics. */
  addForeignRecords(count: number): void;
}

/** Builds a fresh in-memory world. */
export function createFakeKafkaWorld(): FakeKafkaWorld {
  const topics = new Map<string, ReadRecord[]>(Object.values(TOPICS).map((topic) => [topic, []]));
  let hotUserLost = false;
  let poisonDropped = false;
  let members: string[] | null = null;
  let killed: string | undefined;
  const append = (topic: string, key: string, value: string): void => {
    const records = topics.get(topic) ?? [];
    const partition = hash(key) % PARTITIONS;
    records.push({ partition, offset: BigInt(records.filter((record) => record.partition === partition).length), timestamp: BigInt(Date.now()), key, value });
    topics.set(topic, records);
  };
  const memberOf = (key: string): string => {
    const alive = (members ?? ['task-a', 'task-b']).filter((member) => member !== killed);
    return alive[hash(key) % alive.length] ?? 'none';
  };
  // The deployed consumers, acting on each record as it is produced.
  const consume = (key: string, value: string, offset: bigint): void => {
    const event = parsed(value);
    if (event === undefined) {
      if (!poisonDropped) append(TOPICS.deadLetter, key, value);
      return;
    }
    if (hotUserLost && event.userId.endsWith('-hot-user')) return;
    append(TOPICS.sessions, event.userId, JSON.stringify(latestStateOf(event, { member: memberOf(event.userId), partition: hash(key) % PARTITIONS, offset })));
  };
  const session: KafkaTargetSession = {
    client: {
      produce: async (topic, records) => {
        for (const record of records) {
          const [key, value] = 'raw' in record ? [record.key, record.raw] : [record.userId, JSON.stringify(record)];
          append(topic, key, value);
          consume(key, value, BigInt((topics.get(topic) ?? []).length));
        }
      },
      readWhole: async (topic) => [...(topics.get(topic) ?? [])],
      replayFrom: async (topic, fromTimestampMs) => (topics.get(topic) ?? []).filter((record) => record.timestamp >= BigInt(fromTimestampMs)),
    },
    topics: TOPICS,
    topic: { name: TOPICS.clickstream, partitions: PARTITIONS, partitionsSource: 'deployed', configs: null },
    notEmulated: [],
    deployed: { stackName: 'QueueOrStream-fake-Kafka', clusterMode: 'serverless' },
    brokerStartMs: null,
    pollIntervalMs: 0,
    replayGroupId: (runId) => `replay-${runId}`,
    planTraffic: (request, runId) => {
      const events = generateClickstreamEvents({ events: request.events, users: request.users, seed: 7, startTimeMs: Date.now(), stepMs: 10 })
        .map((event, index) => ({ ...event, userId: index % 5 === 0 ? `${runId}-hot-user` : `${runId}-${event.userId}` }));
      return { events, hotUserId: `${runId}-hot-user`, poison: [{ key: `${runId}-poison-0`, raw: `{"poison":"${runId}"` }], keyPrefix: `${runId}-` };
    },
    startCompute: async () => computeOf(members, (victim) => void (killed = victim), topics),
    close: async () => undefined,
  };
  return {
    target: { unavailable: async () => undefined, open: async () => session },
    loseHotUser: () => void (hotUserLost = true),
    dropPoison: () => void (poisonDropped = true),
    withMembers: (ids) => void (members = [...ids]),
    addForeignRecords: (count) => {
      for (const event of generateClickstreamEvents({ events: count, users: 3, seed: 99, startTimeMs: Date.now() })) append(TOPICS.clickstream, `old-run-${event.userId}`, JSON.stringify(event));
    },
  };
}

/** The sessionizer is seen only by its effects: every valid event of the run counts once it is produced. */
function computeOf(members: readonly string[] | null, kill: (memberId: string) => void, topics: ReadonlyMap<string, ReadRecord[]>): KafkaCompute {
  return {
    memberIds: members,
    killBusiestMember: async () => {
      const victim = members?.[0];
      if (victim === undefined) return null;
      kill(victim);
      return victim;
    },
    awaitSessionizer: async (traffic): Promise<SessionizerFigures> => {
      const produced = new Set((topics.get(TOPICS.clickstream) ?? []).map((record) => parsed(record.value)?.eventId));
      const seen = traffic.events.filter((event) => produced.has(event.eventId)).length;
      return { seen, perKeyOrderInversions: 0, crossPartitionInterleavings: null, recordsAfterPoisonOnItsPartition: null, failedInvocations: null, settled: seen === traffic.events.length };
    },
    compactSessions: async () => (members === null ? null : { keys: 1, recordsAfter: 1 }),
    stop: async () => undefined,
  };
}

function parsed(value: string): ClickstreamEvent | undefined {
  try {
    const event = JSON.parse(value) as Partial<ClickstreamEvent>;
    return typeof event.eventId === 'string' && typeof event.userId === 'string' && typeof event.type === 'string' ? (event as ClickstreamEvent) : undefined;
  } catch {
    return undefined;
  }
}

function hash(key: string): number {
  return [...key].reduce((total, character) => (total * 31 + character.charCodeAt(0)) >>> 0, 7);
}
