/**
 * Makes a cluster's topics match their specs, idempotently, with Kafka's admin API: creates the
 * missing ones, adds partitions where a spec asks for more, and sets topic configs that differ.
 * Used at deploy time on MSK Serverless, where AWS::MSK::Topic and MSK's topic API are not
 * available ("Topic Operations: requirements", MSK developer guide: "These APIs are not available
 * for MSK Serverless clusters").
 *
 * Never destructive: it deletes no topic, removes no config, and never lowers a partition count
 * (Kafka cannot; a lower spec is reported in `partitionsKept`).
 */
import { ConfigResourceTypes, IncrementalAlterConfigOperationTypes, type Admin } from '@platformatic/kafka';

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

/**
 * Brings every spec'd topic to its spec.
 * @param replicationFactor replicas of a new topic; -1 takes the cluster's default (MSK Serverless
 *   always keeps 3 copies and sets it itself)
 */
export async function ensureTopics(admin: TopicAdmin, specs: readonly TopicSpec[], replicationFactor = -1): Promise<EnsureTopicsOutcome> {
  const outcome: EnsureTopicsOutcome = { created: [], partitionsAdded: [], partitionsKept: [], configsUpdated: [], unchanged: [] };
  const existing = new Set(await admin.listTopics());
  for (const spec of specs) {
    if (!existing.has(spec.name) && (await createTopic(admin, spec, replicationFactor))) {
      outcome.created.push(spec.name);
      continue;
    }
    let changed = false;
    const partitions = await partitionCount(admin, spec.name);
    if (partitions < spec.partitions) {
      await admin.createPartitions({ topics: [{ name: spec.name, count: spec.partitions }] });
      outcome.partitionsAdded.push(spec.name);
      changed = true;
    } else if (partitions > spec.partitions) {
      outcome.partitionsKept.push(spec.name);
    }
    if (await alignConfigs(admin, spec)) {
      outcome.configsUpdated.push(spec.name);
      changed = true;
    }
    if (!changed && partitions === spec.partitions) outcome.unchanged.push(spec.name);
  }
  return outcome;
}

/** Creates the topic; false when another client created it first (TOPIC_ALREADY_EXISTS). */
async function createTopic(admin: TopicAdmin, spec: TopicSpec, replicationFactor: number): Promise<boolean> {
  try {
    await admin.createTopics({
      topics: [spec.name],
      partitions: spec.partitions,
      replicas: replicationFactor,
      configs: Object.entries(spec.configs).map(([name, value]) => ({ name, value })),
    });
    return true;
  } catch (error) {
    // A concurrent creator won the race: the topic exists now, so it is aligned like any other.
    if ((await admin.listTopics()).includes(spec.name)) return false;
    throw error;
  }
}

async function partitionCount(admin: TopicAdmin, topic: string): Promise<number> {
  const metadata = await admin.metadata({ topics: [topic], forceUpdate: true });
  const found = metadata.topics.get(topic);
  if (found === undefined) throw new Error(`topic ${topic} is listed but has no metadata`);
  return found.partitionsCount;
}

/** Sets the spec's configs whose current value differs; true when it set any. */
async function alignConfigs(admin: TopicAdmin, spec: TopicSpec): Promise<boolean> {
  const keys = Object.keys(spec.configs);
  if (keys.length === 0) return false;
  const [description] = await admin.describeConfigs({
    resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: spec.name, configurationKeys: keys }],
  });
  const current = new Map((description?.configs ?? []).map((config) => [config.name, config.value]));
  const differing = keys.filter((key) => current.get(key) !== spec.configs[key]);
  if (differing.length === 0) return false;
  await admin.incrementalAlterConfigs({
    resources: [{
      resourceType: ConfigResourceTypes.TOPIC,
      resourceName: spec.name,
      configs: differing.map((name) => ({ name, configOperation: IncrementalAlterConfigOperationTypes.SET, value: spec.configs[name] })),
    }],
  });
  return true;
}
