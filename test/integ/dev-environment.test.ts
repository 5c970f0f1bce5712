/**
 * `npm run dev`, driven from outside the project's code: the test starts `local/dev.ts --json` as a
 * child process, reads the endpoints and names from its ready line, and then uses only the AWS SDK
 * and plain HTTP (nothing of the project is imported): a job sent to the queue is mailed to the
 * sink's mailbox folder, records put on the stream reach the processor's session table, the
 * dashboard (its counter at GET /status) and the archive bucket; records produced to the Kafka
 * topic (with the Kafka client library, not the project's code) reach both consumer groups, or,
 * without Java, the Kafka component says why it was skipped; SIGTERM then stops every process it
 * started.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Producer, ProduceAcks, stringSerializers } from '@platformatic/kafka';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gunzipSync } from 'node:zlib';

/** The parts of the ready line this test reads (its own view of the contract, not the project's type). */
interface ReadyLine {
  ready: boolean;
  statusUrl: string;
  components: {
    email: { endpoints: { sqs: string }; queues: { jobs: string }; mailbox: string; examples: string[] };
    clickstream: {
      endpoints: { kinesis: string; s3: string; dynamodb: string };
      streams: { clickstream: string };
      tables: { sessions: string };
      buckets: { archive: string };
      examples: string[];
    };
    kafka: { skipped?: string; endpoints: { kafka: string }; topics: { clickstream: string } };
  };
}

interface ConsumerStatus {
  recordsCompleted: number;
  failedInvocations: number;
  recordsDiscarded: number;
  onFailureBatches: number;
}

interface Status {
  email: { deadLetterQueue: { messages: number } };
  clickstream: { processor: ConsumerStatus; dashboard: ConsumerStatus; archive: { recordsDelivered: number } };
  kafka: { sessionizer: { recordsCompleted: number }; analytics: Record<string, { processed: number; partitions: number }> };
}

const REPOSITORY_ROOT = join(__dirname, '..', '..');
const CLIENT_CONFIG = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const RUN = `dev-${Date.now()}`;
const EVENTS = Array.from({ length: 20 }, (_, index) => ({
  eventId: `${RUN}-${index}`,
  type: 'page_view',
  userId: `${RUN}-user-${index % 4}`,
  page: `/page/${index}`,
  timestamp: new Date(Date.UTC(2026, 11, 2, 6, 0, index)).toISOString(),
}));


/** Polls `read` until `done` holds; a ceiling on waiting, not a timing assertion. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(500);
    value = await read();
  }
  return value;
}

/** Every process whose parent chain leads to `root` (Linux /proc). */
function descendantsOf(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process exited while we looked.
    }
  }
  const found: number[] = [];
  for (const [pid] of parentOf) {
    for (let parent = parentOf.get(pid); parent !== undefined && parent > 1; parent = parentOf.get(parent)) {
      if (parent === root) {
        found.push(pid);
        break;
      }
    }
  }
  return found;
}

const isAlive = (pid: number): boolean => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');

describe('npm run dev, used from outside the project (AWS SDK and HTTP only)', () => {
  const mailbox = mkdtempSync(join(tmpdir(), 'qos-dev-mailbox-'));
  let child: ChildProcess;
  let ready: ReadyLine;
  let stderr = '';

  beforeAll(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'local/dev.ts', '--json', '--archive-buffering-seconds', '1', '--mailbox', mailbox], {
      cwd: REPOSITORY_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const lines = createInterface({ input: child.stdout! });
    ready = await new Promise<ReadyLine>((resolve, reject) => {
      lines.once('line', (line) => resolve(JSON.parse(line) as ReadyLine));
      child.once('exit', (code) => reject(new Error(`npm run dev exited (${code}) before it was ready: ${stderr}`)));
    });
  }, 400_000);

  afterAll(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(mailbox, { recursive: true, force: true });
  });

  it('prints a ready line with the endpoints and names', () => {
    expect(ready.ready).toBe(true);
    expect(ready.components.email.mailbox).toBe(mailbox);
    for (const endpoint of [ready.components.email.endpoints.sqs, ready.components.clickstream.endpoints.kinesis, ready.statusUrl]) {
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    }
  });

  it('mails a job sent to the queue to the SMTP sink, into the mailbox folder', async () => {
    const sqs = new SQSClient({ ...CLIENT_CONFIG, endpoint: ready.components.email.endpoints.sqs });
    const jobId = `${RUN}-job`;
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: ready.components.email.queues.jobs,
        MessageBody: JSON.stringify({ jobId, to: 'someone@example.com', subject: 'From outside', body: 'Hello' }),
      }),
    );
    sqs.destroy();
    const files = await eventually(
      async () => readdirSync(mailbox).filter((name) => name.includes(jobId)),
      (found) => found.length > 0,
    );
    expect(files).toHaveLength(1);
    const mail = readFileSync(join(mailbox, files[0] ?? ''), 'utf8');
    expect(mail).toMatch(/^To: someone@example\.com/m);
    expect(mail).toMatch(/^Subject: From outside/m);
  }, 120_000);

  it('delivers records put on the stream to every consumer: processor, dashboard and archive', async () => {
    const { clickstream } = ready.components;
    const kinesis = new KinesisClient({ ...CLIENT_CONFIG, endpoint: clickstream.endpoints.kinesis, requestHandler: new NodeHttpHandler() });
    const put = await kinesis.send(
      new PutRecordsCommand({
        StreamName: clickstream.streams.clickstream,
        Records: EVENTS.map((event) => ({ Data: Buffer.from(JSON.stringify(event)), PartitionKey: event.userId })),
      }),
    );
    kinesis.destroy();
    expect(put.FailedRecordCount ?? 0).toBe(0);

    const status = await eventually(
      async () => (await (await fetch(ready.statusUrl)).json()) as Status,
      (value) =>
        value.clickstream.processor.recordsCompleted >= EVENTS.length &&
        value.clickstream.dashboard.recordsCompleted >= EVENTS.length &&
        value.clickstream.archive.recordsDelivered >= EVENTS.length,
    );
    expect(status.clickstream.dashboard.recordsCompleted).toBe(EVENTS.length);
    expect(status.clickstream.processor).toEqual({ recordsCompleted: EVENTS.length, failedInvocations: 0, recordsDiscarded: 0, onFailureBatches: 0 });
    expect(status.email.deadLetterQueue.messages).toBe(0);

    const dynamoDb = new DynamoDBClient({ ...CLIENT_CONFIG, endpoint: clickstream.endpoints.dynamodb });
    const sessions = await dynamoDb.send(new ScanCommand({ TableName: clickstream.tables.sessions }));
    dynamoDb.destroy();
    const users = (sessions.Items ?? []).map((item) => item['userId']?.S).filter((user) => user?.startsWith(RUN));
    expect(users.sort()).toEqual([0, 1, 2, 3].map((index) => `${RUN}-user-${index}`));

    const s3 = new S3Client({ ...CLIENT_CONFIG, endpoint: clickstream.endpoints.s3, forcePathStyle: true });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: clickstream.buckets.archive, Prefix: 'clickstream/' }));
    const archivedIds: string[] = [];
    for (const object of listed.Contents ?? []) {
      const body = await s3.send(new GetObjectCommand({ Bucket: clickstream.buckets.archive, Key: object.Key }));
      const text = gunzipSync(Buffer.from(await body.Body!.transformToByteArray())).toString('utf8');
      archivedIds.push(...text.split('\n').filter((line) => line !== '').map((line) => (JSON.parse(line) as { eventId: string }).eventId));
    }
    s3.destroy();
    expect(archivedIds.filter((id) => id.startsWith(RUN)).sort()).toEqual(EVENTS.map((event) => event.eventId).sort());
  }, 120_000);

  it('delivers records produced to the Kafka topic to both consumer groups (or says why Kafka was skipped)', async () => {
    const { kafka } = ready.components;
    if (kafka.skipped !== undefined) {
      // Only outside CI: there a missing broker fails the start (and so every test here).
      expect(process.env.CI).not.toBe('true');
      expect(kafka.skipped).toMatch(/Java|Maven|KAFKA_BOOTSTRAP_SERVERS/);
      return;
    }
    const producer = new Producer({ clientId: 'dev-test', bootstrapBrokers: kafka.endpoints.kafka.split(','), serializers: stringSerializers, acks: ProduceAcks.ALL });
    await producer.send({ messages: EVENTS.map((event) => ({ topic: kafka.topics.clickstream, key: event.userId, value: JSON.stringify(event) })) });
    await producer.close();

    const processedBy = (status: Status) => Object.values(status.kafka.analytics).reduce((sum, member) => sum + member.processed, 0);
    const status = await eventually(
      async () => (await (await fetch(ready.statusUrl)).json()) as Status,
      (value) => value.kafka.sessionizer.recordsCompleted >= EVENTS.length && processedBy(value) >= EVENTS.length,
    );
    expect(status.kafka.sessionizer.recordsCompleted).toBe(EVENTS.length);
    expect(processedBy(status)).toBe(EVENTS.length);
    // The group split the partitions between its members.
    expect(Object.values(status.kafka.analytics).map((member) => member.partitions)).toEqual([1, 1]);
  }, 120_000);

  const awsCli = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  (awsCli.status === 0 ? it : it.skip)(`runs the printed AWS CLI examples as printed (${(awsCli.stdout || awsCli.stderr || 'no aws').trim().split(' ')[0]})`, async () => {
    const examples = [...ready.components.email.examples, ...ready.components.clickstream.examples].filter((example) => /(^| )aws /.test(example));
    expect(examples.length).toBeGreaterThanOrEqual(5);
    for (const example of examples) {
      const run = spawnSync('sh', ['-c', example], { encoding: 'utf8', timeout: 60_000 });
      expect({ example, status: run.status, stderr: run.stderr }).toEqual({ example, status: 0, stderr: '' });
    }
    // The put-record example's record (timestamp set when it ran) reached the processor.
    const status = await eventually(
      async () => (await (await fetch(ready.statusUrl)).json()) as Status,
      (value) => value.clickstream.processor.recordsCompleted > EVENTS.length,
    );
    expect(status.clickstream.processor.recordsCompleted).toBe(EVENTS.length + 1);
    expect(status.clickstream.processor.recordsDiscarded).toBe(0);
  }, 180_000);

  it('stops every process it started on SIGTERM', async () => {
    const started = descendantsOf(child.pid ?? -1);
    // Emulators (kinesis-local, 2 × fauxqs, 2 × dynalite) and the two email workers, at least (and the Kafka broker's JVM when it ran).
    expect(started.length).toBeGreaterThanOrEqual(7);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const survivors = await eventually(
      async () => started.filter(isAlive),
      (alive) => alive.length === 0,
      10_000,
    );
    expect(survivors).toEqual([]);
  }, 120_000);
});
