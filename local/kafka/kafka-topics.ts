/**
 * Creates the Kafka clickstream's topics on a broker, as the stack creates them on MSK:
 * - `clickstream`: the events, keyed by userId;
 * - `clickstream-sessions`: each user's latest state, `cleanup.policy=compact`;
 * - `clickstream-dlq`: the sessionizer's on-failure destination.
 * Names can carry a suffix, so several runs (test files, the three patterns) share one broker.
 */
import { Admin } from '@platformatic/kafka';
import { KAFKA_TOPICS } from '../../runtime/kafka/kafka-names';

/** The topic names of one run. */
export interface ClickstreamTopicNames {
  readonly clickstream: string;
  readonly sessions: string;
  readonly deadLetter: string;
}

/** Options of {@link createClickstreamTopics}. */
export interface CreateClickstreamTopicsOptions {
  readonly bootstrapServers: readonly string[];
  /** Partitions of `clickstream` and `clickstream-sessions`. @default 3 */
  readonly partitions?: number;
  /** Appended to every name (e.g. `-run1`). @default '' */
  readonly suffix?: string;
}

/** The names for a suffix. */
export function clickstreamTopicNames(suffix = ''): ClickstreamTopicNames {
  return {
    clickstream: `${KAFKA_TOPICS.clickstream}${suffix}`,
    sessions: `${KAFKA_TOPICS.sessions}${suffix}`,
    deadLetter: `${KAFKA_TOPICS.deadLetter}${suffix}`,
  };
}

/** Creates the three topics; returns their names. */
export async function createClickstreamTopics(options: CreateClickstreamTopicsOptions): Promise<ClickstreamTopicNames> {
  const names = clickstreamTopicNames(options.suffix);
  const partitions = options.partitions ?? 3;
  const admin = new Admin({ clientId: 'queue-or-stream-topics', bootstrapBrokers: [...options.bootstrapServers] });
  try {
    await admin.createTopics({ topics: [names.clickstream], partitions, replicas: 1 });
    await admin.createTopics({ topics: [names.deadLetter], partitions: 1, replicas: 1 });
    // Broker defaults (7-day segments): nothing is cleaned while a run counts what was written;
    // awaitCompaction speeds the cleaner up once the counting is done.
    await admin.createTopics({ topics: [names.sessions], partitions, replicas: 1, configs: [{ name: 'cleanup.policy', value: 'compact' }] });
  } finally {
    await admin.close();
  }
  return names;
}
