/**
 * The producer against kinesis-local (kinesis-mock): everything lands, partition key = userId, and
 * each user's records come back in the order they were produced. Also the CLI end to end.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { generateClickstreamEvents } from '../../runtime/clickstream/producer/generate-events';
import { ClickstreamProducer } from '../../runtime/clickstream/producer/producer';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import { decodeClickstreamRecordData } from '../../runtime/shared/clickstream-record-codec';
import { deaggregate } from '../../runtime/shared/kpl';
import type { RunningEmulator } from '../../local/emulators/child-emulator';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION, emulatorKinesisClient } from '../../local/emulators/emulator-clients';
import { startKinesisEmulator } from '../../local/emulators/kinesis-emulator';

const ROOT = join(__dirname, '..', '..');

interface ReadRecord {
  readonly shardId: string;
  readonly partitionKey: string;
  readonly event: ClickstreamEvent;
}

describe('ClickstreamProducer on kinesis-local', () => {
  let kinesis: RunningEmulator;
  let client: KinesisClient;

  beforeAll(async () => {
    kinesis = await startKinesisEmulator();
    client = emulatorKinesisClient(kinesis.endpoint);
  });

  afterAll(async () => {
    client?.destroy();
    await kinesis?.stop();
  });

  async function createStream(name: string, shards: number): Promise<void> {
    await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
    for (;;) {
      const { StreamDescriptionSummary } = await client.send(new DescribeStreamSummaryCommand({ StreamName: name }));
      if (StreamDescriptionSummary?.StreamStatus === 'ACTIVE') return;
      await sleep(100);
    }
  }

  /** Reads every shard from TRIM_HORIZON until it returns nothing more. */
  async function readAll(name: string): Promise<ReadRecord[]> {
    const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: name }));
    const records: ReadRecord[] = [];
    for (const shard of Shards) {
      const shardId = shard.ShardId ?? '';
      let { ShardIterator: iterator } = await client.send(
        new GetShardIteratorCommand({ StreamName: name, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      while (iterator !== undefined) {
        const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
        for (const record of page.Records ?? []) {
          // The producer aggregates a user's backlog (KPL format): read user records, as consumers do.
          for (const userRecord of deaggregate({ data: record.Data ?? new Uint8Array(), partitionKey: record.PartitionKey ?? '' })) {
            const event = decodeClickstreamRecordData(Buffer.from(userRecord.data).toString('base64'));
            records.push({ shardId, partitionKey: userRecord.partitionKey, event });
          }
        }
        if ((page.Records ?? []).length === 0) break;
        iterator = page.NextShardIterator;
      }
    }
    return records;
  }

  it('delivers 2,000 events of 200 users, each user on one shard and in order', async () => {
    // Prepare
    await createStream('clickstream-order', 4);
    const events = generateClickstreamEvents({ events: 2000, users: 200, seed: 11 });
    const producer = new ClickstreamProducer({ client, streamName: 'clickstream-order' });

    // Act
    const result = await producer.send(events);
    const read = await readAll('clickstream-order');

    // Assert
    expect(result.sent).toBe(2000);
    expect(result.undeliverable).toEqual([]);
    expect(read).toHaveLength(2000);
    expect(read.every((record) => record.partitionKey === record.event.userId)).toBe(true);
    const shardsByUser = new Map<string, Set<string>>();
    const readOrder = new Map<string, string[]>();
    for (const { shardId, event } of read) {
      shardsByUser.set(event.userId, (shardsByUser.get(event.userId) ?? new Set()).add(shardId));
      readOrder.set(event.userId, [...(readOrder.get(event.userId) ?? []), event.eventId]);
    }
    const producedOrder = new Map<string, string[]>();
    for (const event of events) producedOrder.set(event.userId, [...(producedOrder.get(event.userId) ?? []), event.eventId]);
    expect([...shardsByUser.values()].every((shards) => shards.size === 1)).toBe(true);
    expect(readOrder).toEqual(producedOrder);
  });

  it('the CLI produces to the emulator and prints a summary', async () => {
    // Prepare
    await createStream('clickstream-cli', 1);

    // Act
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'runtime/clickstream/producer/cli.ts', '--events', '300', '--users', '30', '--stream', 'clickstream-cli', '--endpoint', kinesis.endpoint, '--region', EMULATOR_REGION],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey } },
    );

    // Assert
    expect(run.stderr).toContain('progress: 100%');
    expect(run.stdout).toMatch(/^sent: 300$/m);
    expect(run.stdout).toMatch(/^failed: 0$/m);
    expect(run.status).toBe(0);
    expect(await readAll('clickstream-cli')).toHaveLength(300);
  });

  it('the CLI stops at once when no region is configured, instead of retrying what cannot succeed', () => {
    // Prepare: no region anywhere the SDK looks
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_CONFIG_FILE: join(ROOT, 'no-such-aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(ROOT, 'no-such-aws-credentials') };
    for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) delete env[name];

    // Act
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'runtime/clickstream/producer/cli.ts', '--events', '20000', '--users', '500', '--stream', 'clickstream-cli', '--endpoint', kinesis.endpoint],
      { cwd: ROOT, encoding: 'utf8', env },
    );

    // Assert: a few calls at most (one per concurrent slot), nothing sent, the reason and the fix named
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^sent: 0$/m);
    expect(Number(/^calls: (\d+)$/m.exec(run.stdout)?.[1])).toBeLessThanOrEqual(4);
    expect(run.stderr).toMatch(/^stopped: .*Region is missing.*check --region, credentials and --stream/m);
  });
});
