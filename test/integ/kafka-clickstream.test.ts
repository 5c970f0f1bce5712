/**
 * The Kafka clickstream on a real Apache Kafka broker (one per file, KRaft, started from the
 * Maven-resolved jars, or KAFKA_BOOTSTRAP_SERVERS): consumer groups, a SIGKILLed member, poison
 * records, replay and compaction. Outcomes are counted, never timed.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDbSessionStore } from '../../runtime/clickstream/processor-lambda/session-store';
import { generateClickstreamEvents } from '../../runtime/clickstream/producer/generate-events';
import { aggregateClickstream } from '../../runtime/clickstream/dashboard-lambda/aggregate';
import { AnalyticsMember } from '../../runtime/kafka/analytics-member/analytics-member';
import { createKafkaSessionizer } from '../../runtime/kafka/sessionizer-lambda/kafka-sessionizer';
import { parseClickstreamEvent, type ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import { KAFKA_GROUPS } from '../../runtime/kafka/kafka-names';
import type { RunningEmulator } from '../../local/emulators/child-emulator';
import { startDynamoDbEmulator } from '../../local/emulators/dynamodb-emulator';
import { EMULATOR_REGION, emulatorDynamoDbClient } from '../../local/emulators/emulator-clients';
import { waitForActiveTable } from '../../local/provisioning/wait-for-active-table';
import { startAnalyticsMemberProcess } from '../../local/kafka/analytics-member-processes';
import { awaitCompaction } from '../../local/kafka/await-compaction';
import { createClickstreamTopics, type CreatedClickstreamTopics } from '../../local/kafka/kafka-topics';
import { createMskEventSourceRunner } from '../../local/kafka/msk-event-source-runner';
import type { MskEventSourceSettings } from '../../local/kafka/msk-event-source-settings';
import { produceClickstream } from '../../runtime/kafka/producer/produce-clickstream';
import { readWholeTopic } from '../../local/kafka/read-topic';
import { replayFromTimestamp } from '../../local/kafka/replay-from-timestamp';
import { analyticsOutcome } from '../../local/kafka/state-topic-report';
import { describeWithKafka } from '../factories/kafka-broker-suite';
import { capturePowertoolsOutput, type PowertoolsOutput } from '../factories/clickstream-emf-capture';

const PARTITIONS = 3;
/** Topic and group names of this run: KAFKA_BOOTSTRAP_SERVERS may name a broker that earlier runs used. */
const RUN = `-${randomUUID().slice(0, 8)}`;

describeWithKafka('Kafka clickstream on a real broker', (broker) => {
  let dynamo: RunningEmulator;
  let documentClient: DynamoDBDocumentClient;
  let output: PowertoolsOutput;

  beforeAll(async () => {
    dynamo = await startDynamoDbEmulator();
    const client = emulatorDynamoDbClient(dynamo.endpoint);
    documentClient = DynamoDBDocumentClient.from(client);
    output = capturePowertoolsOutput();
  }, 60_000);

  afterAll(async () => {
    output?.restore();
    await dynamo?.stop();
  });

  async function sessionTable(name: string): Promise<DynamoDbSessionStore> {
    const client = emulatorDynamoDbClient(dynamo.endpoint);
    await client.send(
      new CreateTableCommand({
        TableName: name,
        KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'userId', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await waitForActiveTable(client, name);
    return new DynamoDbSessionStore({ tableName: name, client: documentClient });
  }

  async function pageCounts(table: string): Promise<Record<string, number>> {
    const { Items = [] } = await documentClient.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
    return Object.fromEntries(Items.map((item) => [String(item.userId), Number(item.pageCount)]));
  }

  function sessionizerRunner(topics: CreatedClickstreamTopics, table: DynamoDbSessionStore, settings: MskEventSourceSettings = topics.stack.sessionizer.settings) {
    const handler = createKafkaSessionizer({
      store: table,
      sessionTimeoutSeconds: 1800,
      logger: new Logger({ serviceName: 'kafka-sessionizer', logLevel: 'CRITICAL' }),
      metrics: new Metrics({ namespace: 'QueueOrStream/Kafka', serviceName: 'kafka-sessionizer' }),
    });
    return createMskEventSourceRunner({
      bootstrapServers: broker().bootstrapServers,
      topic: topics.clickstream,
      deadLetterTopic: topics.deadLetter,
      settings: { ...settings, batchingWindowMs: 100, consumerGroupId: `${KAFKA_GROUPS.sessionizer}${topics.clickstream}` },
      handler,
      function: { functionName: 'kafka-sessionizer', timeoutSeconds: 60, region: EMULATOR_REGION },
    });
  }

  it('every group sees every record; inside the analytics group each record is processed once', async () => {
    // Prepare
    const topics = await createClickstreamTopics({ bootstrapServers: broker().bootstrapServers, partitions: PARTITIONS, suffix: `-groups${RUN}` });
    const events = generateClickstreamEvents({ events: 600, users: 30, seed: 11 });
    const store = await sessionTable('sessions-groups');
    await produceClickstream({ bootstrapServers: broker().bootstrapServers, topic: topics.clickstream, records: events });
    const connection = { bootstrapBrokers: [...broker().bootstrapServers] };
    const members = ['m1', 'm2'].map(
      (memberId) =>
        new AnalyticsMember({ connection, memberId, groupId: `analytics${topics.clickstream}`, sourceTopic: topics.clickstream, stateTopic: topics.sessions, startPaused: true }),
    );
    const runner = sessionizerRunner(topics, store);

    // Act: the members deliver once the group has given each of them partitions (else the first
    // one to join could finish the whole topic alone).
    await Promise.all([...members.map((member) => member.start()), runner.start()]);
    for (let waited = 0; members.some((member) => member.assignedPartitions === 0) && waited < 30_000; waited += 100) await sleep(100);
    for (const member of members) member.resume();
    await runner.waitUntilCaughtUp({ timeoutMs: 90_000 });
    for (let waited = 0; members.reduce((sum, member) => sum + member.stats.processed, 0) < events.length && waited < 90_000; waited += 250) await sleep(250);
    await Promise.all(members.map((member) => member.stop()));
    await runner.stop();
    const replayed = await readWholeTopic({ bootstrapServers: broker().bootstrapServers, topic: topics.clickstream });
    const outcome = analyticsOutcome(
      await readWholeTopic({ bootstrapServers: broker().bootstrapServers, topic: topics.sessions }),
      new Set(events.map((event) => event.eventId)),
    );

    // Assert
    expect(runner.stats()).toMatchObject({ recordsCompleted: events.length, recordsDiscarded: 0 });
    const expectedPages: Record<string, number> = {};
    for (const event of events) if (event.type === 'page_view') expectedPages[event.userId] = (expectedPages[event.userId] ?? 0) + 1;
    expect(Object.entries(await pageCounts('sessions-groups')).filter(([, count]) => count > 0)).toEqual(
      expect.arrayContaining(Object.entries(expectedPages)),
    );
    expect(outcome).toMatchObject({ seen: events.length, lost: 0, duplicates: 0, perKeyOrderInversions: 0 });
    expect(Object.keys(outcome.perMember).sort()).toEqual(['m1', 'm2']);
    expect(replayed).toHaveLength(events.length);
    const replayedEvents = replayed.map((record) => parseClickstreamEvent(JSON.parse(record.value)));
    expect(aggregateClickstream(replayedEvents)).toEqual(aggregateClickstream(events));
  });

  it('a member SIGKILLed while records are still produced loses nothing: its partitions move, per-key order holds, duplicates are counted', async () => {
    // Prepare: a run suffix keeps this group and its topics apart from the other tests' (and runs').
    const suffix = `-sigkill${RUN}`;
    const topics = await createClickstreamTopics({ bootstrapServers: broker().bootstrapServers, partitions: PARTITIONS, suffix });
    const events = generateClickstreamEvents({ events: 3000, users: 60, seed: 12 });
    const [first, rest] = [events.slice(0, 1000), events.slice(1000)];
    const env = { ANALYTICS_SESSION_TIMEOUT_MS: '6000', ANALYTICS_NAME_SUFFIX: suffix };
    const [killed, survivor] = ['killed', 'survivor'].map((memberId) => startAnalyticsMemberProcess(memberId, broker().bootstrapServers, env));
    if (killed === undefined || survivor === undefined) throw new Error('two members expected');
    await Promise.all([killed.started, survivor.started]);
    const expected = new Set(events.map((event) => event.eventId));
    const outcomeNow = async () => analyticsOutcome(await readWholeTopic({ bootstrapServers: broker().bootstrapServers, topic: topics.sessions }), expected);

    // Act: the member to be killed owns partitions and has processed some of them; the kill lands a
    // third of the way through the second part, and producing goes on while its partitions wait for
    // the session timeout.
    await produceClickstream({ bootstrapServers: broker().bootstrapServers, topic: topics.clickstream, records: first, batchSize: 100 });
    for (let waited = 0; ((await outcomeNow()).perMember.killed ?? 0) === 0 && waited < 30_000; waited += 250) await sleep(250);
    let sentAtKill: number | undefined;
    await produceClickstream({
      bootstrapServers: broker().bootstrapServers,
      topic: topics.clickstream,
      records: rest,
      batchSize: 50,
      onBatchSent: (sent) => {
        if (sentAtKill === undefined && sent >= rest.length / 3) {
          killed.kill();
          sentAtKill = sent;
        }
      },
    });
    let outcome = await outcomeNow();
    for (let waited = 0; outcome.lost > 0 && waited < 90_000; waited += 1000) {
      await sleep(1000);
      outcome = await outcomeNow();
    }
    await survivor.stop();
    // Their fault lines, should the group have stalled.
    if (outcome.lost > 0) process.stderr.write(`killed member stderr: ${killed.stderr()}\nsurvivor stderr: ${survivor.stderr()}\n`);
    // Reported past the console spies of capturePowertoolsOutput.
    process.stderr.write(`SIGKILL mid-produce: ${outcome.seen}/${events.length} seen, ${outcome.lost} lost, ${outcome.duplicates} duplicates, per member ${JSON.stringify(outcome.perMember)}\n`);

    // Assert
    expect(sentAtKill).toBeLessThan(rest.length);
    expect(outcome.perMember.killed).toBeGreaterThan(0);
    expect(outcome.lost).toBe(0);
    expect(outcome.perKeyOrderInversions).toBe(0);
    expect(outcome.seen).toBe(events.length);
    expect(outcome.perMember.survivor).toBeGreaterThan(0);
    // Every processing is either a first one or a counted duplicate.
    expect(outcome.seen + outcome.duplicates).toBe(Object.values(outcome.perMember).reduce((sum, count) => sum + count, 0));
  });

  it('poison records go to the dead-letter topic after retries while the partition keeps moving', async () => {
    // Prepare
    const topics = await createClickstreamTopics({ bootstrapServers: broker().bootstrapServers, partitions: 1, suffix: `-poison${RUN}` });
    const valid = generateClickstreamEvents({ events: 60, users: 5, seed: 13 });
    const poison = [{ key: 'user-0001', raw: '{not json' }, { key: 'user-0002', raw: '{"type":"page_view"}' }];
    const records = [...valid.slice(0, 20), poison[0], ...valid.slice(20, 40), poison[1], ...valid.slice(40)].filter((record) => record !== undefined);
    const runner = sessionizerRunner(topics, await sessionTable('sessions-poison'), { ...topics.stack.sessionizer.settings, batchSize: 10 });

    // Act
    await produceClickstream({ bootstrapServers: broker().bootstrapServers, topic: topics.clickstream, records, batchSize: 10 });
    await runner.start();
    await runner.waitUntilCaughtUp({ timeoutMs: 90_000 });
    await runner.stop();
    const deadLettered = await readWholeTopic({ bootstrapServers: broker().bootstrapServers, topic: topics.deadLetter });

    // Assert
    const stats = runner.stats();
    expect(deadLettered.map((record) => record.value)).toEqual(expect.arrayContaining(poison.map((record) => record.raw)));
    expect(deadLettered).toHaveLength(stats.recordsDiscarded);
    expect(stats.recordsCompleted + stats.recordsDiscarded).toBe(records.length);
    // Retries happened (2 per discarded run), and the records after the poison were still completed.
    expect(stats.failedInvocations).toBeGreaterThanOrEqual(2 * poison.length);
    expect(stats.recordsCompleted).toBeGreaterThanOrEqual(valid.length - 2 * topics.stack.sessionizer.settings.maximumRetryAttempts * 10);
    expect([...stats.discarded.values()].every((condition) => condition === 'RetryAttemptsExhausted')).toBe(true);
  });

  it('replay from the earliest offset and by timestamp reproduce the aggregates; compaction leaves one record per key', async () => {
    // Prepare
    const topics = await createClickstreamTopics({ bootstrapServers: broker().bootstrapServers, partitions: PARTITIONS, suffix: `-replay${RUN}` });
    const before = generateClickstreamEvents({ events: 300, users: 20, seed: 14 });
    const after = generateClickstreamEvents({ events: 300, users: 20, seed: 15 });
    await produceClickstream({ bootstrapServers: broker().bootstrapServers, topic: topics.clickstream, records: before });
    await sleep(50);
    const cut = Date.now();
    await sleep(50);
    await produceClickstream({ bootstrapServers: broker().bootstrapServers, topic: topics.clickstream, records: after });
    const member = new AnalyticsMember({
      connection: { bootstrapBrokers: [...broker().bootstrapServers] },
      memberId: 'solo',
      groupId: `analytics${topics.clickstream}`,
      sourceTopic: topics.clickstream,
      stateTopic: topics.sessions,
    });

    // Act
    const earliest = await readWholeTopic({ bootstrapServers: broker().bootstrapServers, topic: topics.clickstream });
    const byTimestamp = await replayFromTimestamp({ bootstrapServers: broker().bootstrapServers, topic: topics.clickstream, fromTimestampMs: cut });
    await member.start();
    for (let waited = 0; member.stats.processed < before.length + after.length && waited < 60_000; waited += 250) await sleep(250);
    await member.stop();
    const compaction = await awaitCompaction({ bootstrapServers: broker().bootstrapServers, topic: topics.sessions, partitions: PARTITIONS });

    // Assert
    const decode = (value: string): ClickstreamEvent => parseClickstreamEvent(JSON.parse(value));
    expect(aggregateClickstream(earliest.map((record) => decode(record.value)))).toEqual(aggregateClickstream([...before, ...after]));
    expect(byTimestamp).toHaveLength(after.length);
    expect(aggregateClickstream(byTimestamp.map((record) => decode(record.value)))).toEqual(aggregateClickstream(after));
    expect(compaction.recordsBefore).toBe(before.length + after.length);
    expect(compaction).toMatchObject({ keys: 20, recordsAfter: 20 });
  });
});
