/**
 * Makes a cluster's topics match their specs, idempotently, with Kafka's admin API: creates the
 * missing ones, adds partitions where a spec asks for more, and sets topic configs that differ.
 * Used at deploy time on MSK Serverless, where AWS::MSK::Topic and MSK's topic API are not
 * available ("Topic Operations: requirements", MSK developer guide: "These APIs are not available
 * for MSK Serverless clusters").
 *
 * Never destructive: it deletes no topic, removes no config, and never lowers a partition count
 * (Kafka cannot; a lower spec is reported in `partitionsKept`). Retriable broker errors are retried
 * (admin-retry.ts); each retry reads the topic's state again, so a repeated attempt changes nothing twice.
 */
import { ConfigResourceTypes, IncrementalAlterConfigOperationTypes, type Admin } from '@platformatic/kafka';
import { ADMIN_RETRY_DEFAULTS, withAdminRetry, type AdminRetry } from './admin-retry';
import { hasKafkaError, isRetriableKafkaError, kafkaFailuresIn } from './kafka-failures';
import { TopicMetadataPendingError } from './topic-metadata-pending-error';

/** One topic as the stack declares it (lib/kafka/kafka-topic-specs.ts). */
export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  /** Topic-level configs, Kafka's keys and string values. */
  readonly configs: Readonly<Record<string, string>>;
}

/** The admin calls used: a subset of @platformatic/kafka's Admin, so a test can count them. */
export type TopicAdmin = Pick<Admin, 'listTopics' | 'metadata' | 'createTopics' | 'createPartitions' | 'describeConfigs' | 'incrementalAlterConfigs'>;

/** What {@link ensureTopics} changed. */
export interface EnsureTopicsOutcome {
  readonly created: string[];
  /** Topics whose partition count was raised to the spec. */
  readonly partitionsAdded: string[];
  /** Topics with more partitions than their spec: kept, Kafka cannot remove partitions. */
  readonly partitionsKept: string[];
  /** Topics whose differing configs were set. */
  readonly configsUpdated: string[];
  readonly unchanged: string[];
}

/** Options of {@link ensureTopics}. */
export interface EnsureTopicsOptions {
  /**
   * Replicas of a new topic; -1 takes the cluster's default (MSK Serverless always keeps 3 copies
   * and sets it itself).
   * @default -1
   */
  readonly replicationFactor?: number;
  /** How retriable Kafka errors are retried. @default ADMIN_RETRY_DEFAULTS, with a one-minute deadline */
  readonly retry?: AdminRetry;
}

/** What one topic's alignment did. */
interface TopicChange {
  readonly created: boolean;
  readonly partitions: 'added' | 'kept' | 'same';
  readonly configsUpdated: boolean;
}

/**
 * What the attempts at one topic have sent so far. A call that failed with a retriable error may
 * still have taken effect (a CreateTopics that timed out on the client is often done on the
 * broker), so a later attempt that finds the change made reports it as this function's.
 */
interface TopicAttempts {
  /** The admin call under way, named in a failure. */
  call: string;
  createSent: boolean;
  partitionsSent: boolean;
  configsSent: boolean;
}

const DEFAULT_RETRY_BUDGET_MS = 60_000;

/** Brings every spec'd topic to its spec, retrying each topic's calls on retriable Kafka errors. */
export async function ensureTopics(admin: TopicAdmin, specs: readonly TopicSpec[], options: EnsureTopicsOptions = {}): Promise<EnsureTopicsOutcome> {
  const retry = options.retry ?? { policy: { ...ADMIN_RETRY_DEFAULTS, deadline: Date.now() + DEFAULT_RETRY_BUDGET_MS } };
  const outcome: EnsureTopicsOutcome = { created: [], partitionsAdded: [], partitionsKept: [], configsUpdated: [], unchanged: [] };
  // Only a hint: right after a create, a broker's metadata can lag its controller, so a listed-as-
  // missing topic may exist (its CreateTopics then answers TOPIC_ALREADY_EXISTS).
  const listed = new Set(await withAdminRetry(() => 'listing the cluster\'s topics (Metadata)', () => admin.listTopics(), retry));
  for (const spec of specs) {
    const attempts: TopicAttempts = { call: 'Metadata', createSent: false, partitionsSent: false, configsSent: false };
    const change = await withAdminRetry(
      () => `topic ${spec.name}: ${attempts.call}`,
      () => ensureTopic(admin, spec, listed.has(spec.name), attempts, options.replicationFactor ?? -1),
      retry,
    );
    record(outcome, spec.name, change);
  }
  return outcome;
}

function record(outcome: EnsureTopicsOutcome, topic: string, change: TopicChange): void {
  if (change.created) outcome.created.push(topic);
  if (change.partitions === 'added') outcome.partitionsAdded.push(topic);
  if (change.partitions === 'kept') outcome.partitionsKept.push(topic);
  if (change.configsUpdated) outcome.configsUpdated.push(topic);
  if (!change.created && change.partitions === 'same' && !change.configsUpdated) outcome.unchanged.push(topic);
}

/** One attempt at one topic: safe to repeat, since it reads the topic's state before each change. */
async function ensureTopic(admin: TopicAdmin, spec: TopicSpec, listed: boolean, attempts: TopicAttempts, replicationFactor: number): Promise<TopicChange> {
  if (!listed && (await createTopic(admin, spec, replicationFactor, attempts))) return { created: true, partitions: 'same', configsUpdated: false };
  const partitions = await partitionCount(admin, spec.name, attempts);
  if (partitions < spec.partitions) {
    attempts.call = 'CreatePartitions';
    attempts.partitionsSent = true;
    await admin.createPartitions({ topics: [{ name: spec.name, count: spec.partitions }] });
  }
  const configsSet = await alignConfigs(admin, spec, attempts);
  const partitionsAdded = partitions < spec.partitions || (attempts.partitionsSent && partitions === spec.partitions);
  return {
    created: attempts.createSent,
    partitions: partitionsAdded ? 'added' : partitions > spec.partitions ? 'kept' : 'same',
    configsUpdated: configsSet || attempts.configsSent,
  };
}

/**
 * Creates the topic; false when it exists already (TOPIC_ALREADY_EXISTS): made by another client,
 * or by an earlier attempt of this one whose answer was lost. Either way it is then aligned.
 */
async function createTopic(admin: TopicAdmin, spec: TopicSpec, replicationFactor: number, attempts: TopicAttempts): Promise<boolean> {
  attempts.call = 'CreateTopics';
  try {
    await admin.createTopics({
      topics: [spec.name],
      partitions: spec.partitions,
      replicas: replicationFactor,
      configs: Object.entries(spec.configs).map(([name, value]) => ({ name, value })),
    });
    attempts.createSent = true;
    return true;
  } catch (error) {
    if (hasKafkaError(error, 'TOPIC_ALREADY_EXISTS')) return false;
    if (isRetriableKafkaError(error)) attempts.createSent = true;
    throw error;
  }
}

/**
 * The topic's partition count. The topic exists (listed, or TOPIC_ALREADY_EXISTS), so a broker that
 * does not know it yet is behind its controller: retriable. @platformatic/kafka turns the broker's
 * UNKNOWN_TOPIC_OR_PARTITION into a non-retriable "Unknown topic <name>." user error (its message is
 * all that is left to recognise it by), and a metadata answer may also just leave the topic out.
 */
async function partitionCount(admin: TopicAdmin, topic: string, attempts: TopicAttempts): Promise<number> {
  attempts.call = 'Metadata';
  const metadata = await admin.metadata({ topics: [topic], forceUpdate: true }).catch((error: unknown) => {
    const unknownTopic = kafkaFailuresIn(error).some((failure) => failure.id === 'PLT_KFK_USER' && failure.message === `Unknown topic ${topic}.`);
    throw unknownTopic ? new TopicMetadataPendingError(topic, { cause: error }) : error;
  });
  const found = metadata.topics.get(topic);
  if (found === undefined) throw new TopicMetadataPendingError(topic);
  return found.partitionsCount;
}

/** Sets the spec's configs whose current value differs; true when it set any. */
async function alignConfigs(admin: TopicAdmin, spec: TopicSpec, attempts: TopicAttempts): Promise<boolean> {
  const keys = Object.keys(spec.configs);
  if (keys.length === 0) return false;
  attempts.call = 'DescribeConfigs';
  const [description] = await admin.describeConfigs({
    resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: spec.name, configurationKeys: keys }],
  });
  const current = new Map((description?.configs ?? []).map((config) => [config.name, config.value]));
  const differing = keys.filter((key) => current.get(key) !== spec.configs[key]);
  if (differing.length === 0) return false;
  attempts.call = 'IncrementalAlterConfigs';
  attempts.configsSent = true;
  await admin.incrementalAlterConfigs({
    resources: [{
      resourceType: ConfigResourceTypes.TOPIC,
      resourceName: spec.name,
      configs: differing.map((name) => ({ name, configOperation: IncrementalAlterConfigOperationTypes.SET, value: spec.configs[name] })),
    }],
  });
  return true;
}
