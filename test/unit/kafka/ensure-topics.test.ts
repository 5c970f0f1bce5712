import { MultipleErrors, ResponseError, UserError } from '@platformatic/kafka';
import type { AdminRetry } from '../../../runtime/kafka/topics-lambda/admin-retry';
import { ensureTopics, type TopicAdmin, type TopicSpec } from '../../../runtime/kafka/topics-lambda/ensure-topics';
import { TopicAdminError } from '../../../runtime/kafka/topics-lambda/topic-admin-error';

/** A broker error as @platformatic/kafka reports it from the admin call of API `apiKey`. */
function brokerFailure(apiKey: number, code: number): Error {
  return new MultipleErrors('Admin call failed.', [new ResponseError(apiKey, 0, { '/topics/0': [code, null] }, {})]);
}
const API = { createTopics: 19, createPartitions: 37, describeConfigs: 32 } as const;
const CODE = { requestTimedOut: 7, topicAuthorizationFailed: 29, topicAlreadyExists: 36, notController: 41 } as const;

const SPEC: TopicSpec = { name: 'events', partitions: 3, configs: { 'retention.ms': '86400000' } };

/**
 * One topic on a fake cluster, with scripted failures: `failFirst` makes a call's first attempt fail
 * with the given error AFTER its change took effect (an answer lost on the way back).
 */
class FakeCluster {
  partitions: number | undefined;
  configs: Record<string, string> = {};
  listed: string[] = [];
  readonly calls: string[] = [];
  readonly failFirst = new Map<string, unknown>();
  readonly unknownToMetadataTimes = { remaining: 0 };

  private failOnce(call: string): void {
    this.calls.push(call);
    const failure = this.failFirst.get(call);
    if (failure === undefined) return;
    this.failFirst.delete(call);
    throw failure;
  }

  admin(): TopicAdmin {
    const fake = {
      listTopics: async () => this.listed,
      createTopics: async (options: { partitions: number; configs: { name: string; value: string }[] }) => {
        if (this.partitions !== undefined) throw brokerFailure(API.createTopics, CODE.topicAlreadyExists);
        this.partitions = options.partitions;
        this.configs = Object.fromEntries(options.configs.map(({ name, value }) => [name, value]));
        this.failOnce('createTopics');
        return [];
      },
      metadata: async () => {
        this.calls.push('metadata');
        if (this.unknownToMetadataTimes.remaining-- > 0) throw new UserError(`Unknown topic ${SPEC.name}.`);
        return { topics: new Map([[SPEC.name, { partitionsCount: this.partitions }]]) };
      },
      createPartitions: async (options: { topics: { count: number }[] }) => {
        this.partitions = options.topics[0]!.count;
        this.failOnce('createPartitions');
      },
      describeConfigs: async () => {
        this.failOnce('describeConfigs');
        return [{ configs: Object.entries(this.configs).map(([name, value]) => ({ name, value })) }];
      },
      incrementalAlterConfigs: async (options: { resources: { configs: { name: string; value: string }[] }[] }) => {
        for (const { name, value } of options.resources[0]!.configs) this.configs[name] = value;
        this.failOnce('incrementalAlterConfigs');
      },
    };
    return fake as unknown as TopicAdmin;
  }
}

const noWait: AdminRetry = { policy: { maxAttempts: 5, backoff: { baseDelayMs: 10, maxDelayMs: 100 }, deadline: Number.MAX_SAFE_INTEGER }, sleep: async () => undefined };

describe('ensureTopics, retried and idempotent', () => {
  it('counts a create whose answer was lost (REQUEST_TIMED_OUT, then TOPIC_ALREADY_EXISTS) as created, and changes nothing twice', async () => {
    const cluster = new FakeCluster();
    cluster.failFirst.set('createTopics', brokerFailure(API.createTopics, CODE.requestTimedOut));

    const outcome = await ensureTopics(cluster.admin(), [SPEC], { retry: noWait });

    expect(outcome).toEqual({ created: ['events'], partitionsAdded: [], partitionsKept: [], configsUpdated: [], unchanged: [] });
    expect(cluster.calls).toEqual(['createTopics', 'metadata', 'describeConfigs']);
    expect(cluster.partitions).toBe(3);
  });

  it('aligns a topic the broker does not list yet (TOPIC_ALREADY_EXISTS at once, "Unknown topic" from Metadata) instead of failing or claiming it', async () => {
    const cluster = new FakeCluster();
    cluster.partitions = 5;
    cluster.configs = { 'retention.ms': '86400000' };
    cluster.unknownToMetadataTimes.remaining = 2;

    const outcome = await ensureTopics(cluster.admin(), [SPEC], { retry: noWait });

    expect(outcome).toEqual({ created: [], partitionsAdded: [], partitionsKept: ['events'], configsUpdated: [], unchanged: [] });
    expect(cluster.calls.filter((call) => call === 'metadata')).toHaveLength(3);
  });

  it('reports partitions added by a CreatePartitions whose answer was lost (NOT_CONTROLLER), without adding them again', async () => {
    const cluster = new FakeCluster();
    cluster.partitions = 1;
    cluster.configs = { 'retention.ms': '86400000' };
    cluster.listed = ['events'];
    cluster.failFirst.set('createPartitions', brokerFailure(API.createPartitions, CODE.notController));

    const outcome = await ensureTopics(cluster.admin(), [SPEC], { retry: noWait });

    expect(outcome).toEqual({ created: [], partitionsAdded: ['events'], partitionsKept: [], configsUpdated: [], unchanged: [] });
    expect(cluster.calls.filter((call) => call === 'createPartitions')).toHaveLength(1);
    expect(cluster.partitions).toBe(3);
  });

  it('fails a permanent error with the topic, the call and the Kafka code', async () => {
    const cluster = new FakeCluster();
    cluster.partitions = 3;
    cluster.listed = ['events'];
    cluster.failFirst.set('describeConfigs', brokerFailure(API.describeConfigs, CODE.topicAuthorizationFailed));

    const failing = ensureTopics(cluster.admin(), [SPEC], { retry: noWait });

    await expect(failing).rejects.toThrow(TopicAdminError);
    await expect(failing).rejects.toThrow(/^topic events: DescribeConfigs failed after 1 attempt \(not retriable\): TOPIC_AUTHORIZATION_FAILED \(29\)/);
  });
});
