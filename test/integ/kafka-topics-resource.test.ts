/**
 * The MSK Serverless topics custom resource's handler on a real broker (PLAINTEXT, KAFKA_AUTH=none):
 * Create makes the topics with their partitions and configs, Update is idempotent and only grows,
 * a topic another client created first is aligned rather than failed on, and Delete keeps the data.
 * One test runs the function's real bundle (as `cdk synth` stages it) the same way.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import { Admin, ConfigResourceTypes } from '@platformatic/kafka';
import { App } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { KafkaStack } from '../../lib/kafka/kafka-stack';
import { pollUntil } from '../../local/target/poll-until';
import { createTopicsHandler } from '../../runtime/kafka/topics-lambda/topics-handler';
import type { TopicSpec } from '../../runtime/kafka/topics-lambda/ensure-topics';
import { TOPICS_RESOURCE_PROPERTIES } from '../../runtime/kafka/topics-lambda/topics-resource-properties';
import { describeWithKafka } from '../factories/kafka-broker-suite';

const CLUSTER_ARN = 'arn:aws:kafka:us-east-1:111122223333:cluster/test/abc-1';
// The deployed handler's wiring with a silent logger: the responses are asserted, not printed.
const handler = createTopicsHandler({ logger: new Logger({ logLevel: 'SILENT' }) });
let run = 0;

/** A CloudFormation event of `type` for `specs` on `servers`. */
function topicsEvent(type: 'Create' | 'Update' | 'Delete', servers: readonly string[], specs: readonly TopicSpec[]): CloudFormationCustomResourceEvent {
  const base = {
    ServiceToken: 'arn:aws:lambda:us-east-1:111122223333:function:provider',
    ResponseURL: 'https://example.invalid/response',
    StackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/test/1',
    RequestId: `request-${run}`,
    LogicalResourceId: 'Topics',
    ResourceType: 'Custom::KafkaTopics',
    ResourceProperties: {
      ServiceToken: 'arn:aws:lambda:us-east-1:111122223333:function:provider',
      [TOPICS_RESOURCE_PROPERTIES.bootstrapServers]: servers.join(','),
      [TOPICS_RESOURCE_PROPERTIES.topics]: JSON.stringify(specs),
      [TOPICS_RESOURCE_PROPERTIES.clusterArn]: CLUSTER_ARN,
    },
  };
  if (type === 'Create') return { ...base, RequestType: 'Create' };
  if (type === 'Update') return { ...base, RequestType: 'Update', PhysicalResourceId: CLUSTER_ARN, OldResourceProperties: base.ResourceProperties };
  return { ...base, RequestType: 'Delete', PhysicalResourceId: CLUSTER_ARN };
}

describeWithKafka('MSK Serverless topics custom resource on a real broker', (broker) => {
  let admin: Admin;
  const savedAuth = process.env.KAFKA_AUTH;

  beforeAll(() => {
    process.env.KAFKA_AUTH = 'none';
    admin = new Admin({ clientId: 'topics-resource-test', bootstrapBrokers: [...broker().bootstrapServers] });
  });
  afterAll(async () => {
    if (savedAuth === undefined) delete process.env.KAFKA_AUTH;
    else process.env.KAFKA_AUTH = savedAuth;
    await admin.close();
  });

  /** Fresh names per test, so tests share the broker without seeing each other's topics. */
  function specs(partitions = 2, retentionMs = '86400000'): TopicSpec[] {
    run += 1;
    return [
      { name: `events-${run}`, partitions, configs: { 'cleanup.policy': 'delete', 'retention.ms': retentionMs } },
      { name: `latest-${run}`, partitions, configs: { 'cleanup.policy': 'compact' } },
    ];
  }

  /**
   * What the broker shows once `done` holds, or its last view after 10 s. A KRaft broker applies its
   * controller's changes asynchronously, so a read right after the handler returns can be stale.
   */
  async function settled<T>(read: () => Promise<T>, done: (value: T | undefined) => boolean): Promise<T | undefined> {
    return (await pollUntil(() => read().catch(() => undefined), done, { deadlineMs: 10_000, intervalMs: 100 })).value;
  }

  async function partitionsOf(topic: string): Promise<number> {
    return (await admin.metadata({ topics: [topic], forceUpdate: true })).topics.get(topic)?.partitionsCount ?? 0;
  }

  async function configOf(topic: string, key: string): Promise<string | null | undefined> {
    const [description] = await admin.describeConfigs({ resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic, configurationKeys: [key] }] });
    return description?.configs.find((config) => config.name === key)?.value;
  }

  it('Create makes every topic with its partitions and configs, and names the cluster as the physical id', async () => {
    const wanted = specs(3);
    const response = await handler(topicsEvent('Create', broker().bootstrapServers, wanted));

    expect(response).toEqual({
      PhysicalResourceId: CLUSTER_ARN,
      Data: { Created: wanted.map((spec) => spec.name).join(','), PartitionsAdded: '', PartitionsKept: '', ConfigsUpdated: '' },
    });
    expect(await settled(() => partitionsOf(wanted[0]!.name), (count) => count === 3)).toBe(3);
    expect(await settled(() => configOf(wanted[0]!.name, 'retention.ms'), (value) => value === '86400000')).toBe('86400000');
    expect(await settled(() => configOf(wanted[1]!.name, 'cleanup.policy'), (value) => value === 'compact')).toBe('compact');
  }, 60_000);

  it('Update with the same specs changes nothing (idempotent); a larger count and a new retention are applied', async () => {
    const wanted = specs(2);
    await handler(topicsEvent('Create', broker().bootstrapServers, wanted));
    const again = await handler(topicsEvent('Update', broker().bootstrapServers, wanted));

    expect(again.Data).toEqual({ Created: '', PartitionsAdded: '', PartitionsKept: '', ConfigsUpdated: '' });

    const grown = wanted.map((spec, index) => (index === 0 ? { ...spec, partitions: 4, configs: { ...spec.configs, 'retention.ms': '3600000' } } : spec));
    const updated = await handler(topicsEvent('Update', broker().bootstrapServers, grown));

    expect(updated.Data).toEqual({ Created: '', PartitionsAdded: grown[0]!.name, PartitionsKept: '', ConfigsUpdated: grown[0]!.name });
    expect(await settled(() => partitionsOf(grown[0]!.name), (count) => count === 4)).toBe(4);
    expect(await settled(() => configOf(grown[0]!.name, 'retention.ms'), (value) => value === '3600000')).toBe('3600000');
  }, 60_000);

  it('a spec with fewer partitions than the topic keeps them (Kafka cannot remove partitions) and says so', async () => {
    const wanted = specs(3);
    await handler(topicsEvent('Create', broker().bootstrapServers, wanted));
    const fewer = wanted.map((spec) => ({ ...spec, partitions: 1 }));
    const response = await handler(topicsEvent('Update', broker().bootstrapServers, fewer));

    expect(response.Data?.PartitionsKept).toBe(wanted.map((spec) => spec.name).join(','));
    expect(await settled(() => partitionsOf(wanted[0]!.name), (count) => count === 3)).toBe(3);
  }, 60_000);

  it('a topic that already exists (created by another client) is aligned to its spec, not an error', async () => {
    const wanted = specs(3);
    await admin.createTopics({ topics: [wanted[0]!.name], partitions: 1, replicas: 1 });
    const response = await handler(topicsEvent('Create', broker().bootstrapServers, wanted));

    expect(response.Data).toMatchObject({ Created: wanted[1]!.name, PartitionsAdded: wanted[0]!.name, ConfigsUpdated: wanted[0]!.name });
    expect(await settled(() => partitionsOf(wanted[0]!.name), (count) => count === 3)).toBe(3);
  }, 60_000);

  it('Delete answers with the physical id and leaves the topics in place', async () => {
    const wanted = specs(1);
    await handler(topicsEvent('Create', broker().bootstrapServers, wanted));
    const response = await handler(topicsEvent('Delete', broker().bootstrapServers, wanted));

    expect(response).toEqual({ PhysicalResourceId: CLUSTER_ARN });
    const names = wanted.map((spec) => spec.name);
    expect(await settled(() => admin.listTopics(), (listed) => names.every((name) => listed?.includes(name)))).toEqual(expect.arrayContaining(names));
  }, 60_000);

  it('fails Create with the property name when the topic list is missing', async () => {
    const event = topicsEvent('Create', broker().bootstrapServers, []);
    delete (event.ResourceProperties as Record<string, unknown>)[TOPICS_RESOURCE_PROPERTIES.topics];

    await expect(handler(event)).rejects.toThrow(`custom resource property ${TOPICS_RESOURCE_PROPERTIES.topics} is missing`);
  });

  it('the bundled function (esbuild, as synth stages it) creates the topics too: its Kafka client works without node_modules', () => {
    const outRoot = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'kafka-topics-bundling');
    fs.mkdirSync(outRoot, { recursive: true });
    const outdir = fs.mkdtempSync(path.join(outRoot, 'cdk.out-'));
    try {
      const app = new App({ outdir });
      const stack = new KafkaStack(app, 'KafkaBundling', { clusterMode: 'serverless' });
      app.synth();
      const topicsFunction = stack.clickstream.topics.serverlessTopics?.function;
      const code = stack.resolve((topicsFunction?.node.defaultChild as lambda.CfnFunction).code) as lambda.CfnFunction.CodeProperty;
      const bundle = path.join(outdir, `asset.${(code.s3Key ?? '').replace(/\.zip$/, '')}`, 'index.mjs');
      // Copied out of the repository, so nothing can be resolved from node_modules: only what the bundle carries.
      const isolated = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'topics-bundle-')), 'index.mjs');
      fs.copyFileSync(bundle, isolated);
      const wanted = specs(2);
      const script = `const m = await import(${JSON.stringify(pathToFileURL(isolated).href)}); const r = await m.handler(JSON.parse(process.env.EVENT)); process.stdout.write('RESULT' + JSON.stringify(r));`;

      const output = execFileSync(process.execPath, ['--input-type=module', '--eval', script], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', KAFKA_AUTH: 'none', EVENT: JSON.stringify(topicsEvent('Create', broker().bootstrapServers, wanted)) },
      });
      fs.rmSync(path.dirname(isolated), { recursive: true, force: true });

      expect(JSON.parse(output.slice(output.indexOf('RESULT') + 'RESULT'.length))).toMatchObject({ Data: { Created: wanted.map((spec) => spec.name).join(',') } });
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }, 180_000);
});
