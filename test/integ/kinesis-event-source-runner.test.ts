/**
 * The local Kinesis event-source runner against kinesis-local and fauxqs: per-key order, bisect,
 * partial batch responses, retries, record age and the on-failure destination, counted end to end;
 * with KPL aggregates, counted in user records while Lambda's side stays in Kinesis records.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateStreamCommand, DescribeStreamSummaryCommand, PutRecordsCommand, waitUntilStreamExists, type KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { KinesisStreamEvent } from 'aws-lambda';
import type { RunningEmulator } from '../../local/emulators/child-emulator';
import { startKinesisEmulator } from '../../local/emulators/kinesis-emulator';
import { startSqsEmulator } from '../../local/emulators/sqs-emulator';
import type { KinesisEventSourceSettings } from '../../local/clickstream/kinesis-event-source/event-source-settings';
import { createKinesisEventSourceRunner, type KinesisHandler } from '../../local/clickstream/kinesis-event-source/kinesis-event-source-runner';
import { emulatorKinesisClient, emulatorSqsClient } from '../../local/emulators/emulator-clients';
import type { KinesisOnFailureRecord } from '../../local/clickstream/kinesis-event-source/on-failure-record';
import { sqsOnFailureDestination } from '../../local/clickstream/kinesis-event-source/sqs-on-failure-destination';
import { readWholeStream, userRecordsOf } from '../../local/clickstream/kinesis-event-source/read-whole-stream';
import { deaggregateLambdaKinesisRecord, encodeAggregatedRecord } from '../../runtime/shared/kpl';

interface TestEvent {
  readonly user: string;
  readonly position: number;
  readonly poison?: boolean;
}

/** Event factory: `users` users, `perUser` events each, interleaved; `poisonAt` marks [user, position] pairs. */
function eventsFor(users: number, perUser: number, poisonAt: readonly [number, number][] = []): TestEvent[] {
  const events: TestEvent[] = [];
  for (let position = 0; position < perUser; position += 1) {
    for (let user = 0; user < users; user += 1) {
      const poison = poisonAt.some(([u, p]) => u === user && p === position);
      events.push({ user: `user-${user}`, position, ...(poison ? { poison } : {}) });
    }
  }
  return events;
}

function settingsWith(overrides: Partial<KinesisEventSourceSettings> = {}): KinesisEventSourceSettings {
  return {
    batchSize: 25,
    startingPosition: 'TRIM_HORIZON',
    bisectBatchOnFunctionError: true,
    maximumRetryAttempts: 1,
    maximumRecordAgeSeconds: -1,
    parallelizationFactor: 1,
    reportBatchItemFailures: true,
    ...overrides,
  };
}

function decode(event: KinesisStreamEvent): TestEvent[] {
  return event.Records.map((record) => JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8')) as TestEvent);
}

/** The user records of one Kinesis event record (an aggregate's, or the record itself), as a Lambda consumer deaggregates them. */
function userEventsOf(record: KinesisStreamEvent['Records'][number]): TestEvent[] {
  return deaggregateLambdaKinesisRecord(record.kinesis).map((userRecord) => JSON.parse(Buffer.from(userRecord.data, 'base64').toString('utf8')) as TestEvent);
}

/**
 * The PutRecords entries of `events` with each user's events packed `perAggregate` at a time into KPL
 * aggregates (a user's remainder of one goes plain, as the producer's `auto` mode sends a lone event),
 * interleaved across users like the events.
 */
function aggregatedEntries(events: readonly TestEvent[], perAggregate: number): { Data: Uint8Array; PartitionKey: string }[] {
  const pending = new Map<string, TestEvent[]>();
  const entries: { Data: Uint8Array; PartitionKey: string }[] = [];
  const flush = (user: string, batch: readonly TestEvent[]): void => {
    const data = batch.map((event) => ({ partitionKey: user, data: Buffer.from(JSON.stringify(event)) }));
    entries.push({ PartitionKey: user, Data: data.length === 1 ? (data[0]?.data ?? new Uint8Array()) : encodeAggregatedRecord(data) });
  };
  for (const event of events) {
    const batch = [...(pending.get(event.user) ?? []), event];
    pending.set(event.user, batch.length === perAggregate ? [] : batch);
    if (batch.length === perAggregate) flush(event.user, batch);
  }
  for (const [user, batch] of pending) if (batch.length > 0) flush(user, batch);
  return entries;
}

/** Records what a transactional handler committed: per user, the positions in commit order. */
class CommitLog {
  readonly byUser = new Map<string, number[]>();
  commit(events: readonly TestEvent[]): void {
    for (const event of events) this.byUser.set(event.user, [...(this.byUser.get(event.user) ?? []), event.position]);
  }
  total(): number {
    return [...this.byUser.values()].reduce((sum, positions) => sum + positions.length, 0);
  }
  /** Positions that went backwards for some user (0 when per-key order held). */
  inversions(): number {
    let count = 0;
    for (const positions of this.byUser.values()) positions.forEach((position, i) => (count += i > 0 && position < (positions[i - 1] ?? 0) ? 1 : 0));
    return count;
  }
}

describe('local Kinesis event-source runner', () => {
  let kinesisEmulator: RunningEmulator;
  let sqsEmulator: RunningEmulator;
  let kinesis: KinesisClient;
  let sqs: SQSClient;
  let streamCounter = 0;

  beforeAll(async () => {
    [kinesisEmulator, sqsEmulator] = await Promise.all([startKinesisEmulator(), startSqsEmulator()]);
    kinesis = emulatorKinesisClient(kinesisEmulator.endpoint);
    sqs = emulatorSqsClient(sqsEmulator.endpoint);
  });

  afterAll(async () => {
    kinesis.destroy();
    sqs.destroy();
    await Promise.all([kinesisEmulator.stop(), sqsEmulator.stop()]);
  });

  async function streamWith(events: readonly TestEvent[], options: { perAggregate?: number } = {}): Promise<{ streamName: string; streamArn: string }> {
    streamCounter += 1;
    const streamName = `runner-${streamCounter}`;
    await kinesis.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: 2 }));
    await waitUntilStreamExists({ client: kinesis, maxWaitTime: 30, minDelay: 0.2 }, { StreamName: streamName });
    const entries =
      options.perAggregate === undefined
        ? events.map((event) => ({ Data: Buffer.from(JSON.stringify(event)), PartitionKey: event.user }))
        : aggregatedEntries(events, options.perAggregate);
    for (let start = 0; start < entries.length; start += 500) {
      const result = await kinesis.send(new PutRecordsCommand({ StreamName: streamName, Records: entries.slice(start, start + 500) }));
      expect(result.FailedRecordCount).toBe(0);
    }
    const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    return { streamName, streamArn: summary.StreamDescriptionSummary?.StreamARN ?? '' };
  }

  async function onFailureMessages(queueUrl: string): Promise<KinesisOnFailureRecord[]> {
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    return (received.Messages ?? []).map((message) => JSON.parse(message.Body ?? '{}') as KinesisOnFailureRecord);
  }

  async function runToTip(
    stream: { streamName: string; streamArn: string },
    handler: KinesisHandler,
    settings: KinesisEventSourceSettings,
    extra: { queueUrl?: string; now?: () => number; eventSourceArn?: string; onShards?: (shards: number) => void } = {},
  ): Promise<ReturnType<ReturnType<typeof createKinesisEventSourceRunner>['stats']>> {
    const runner = createKinesisEventSourceRunner({
      kinesis,
      ...stream,
      eventSourceArn: extra.eventSourceArn ?? stream.streamArn,
      settings,
      handler,
      function: { functionName: 'test-fn', region: 'us-east-1', timeoutSeconds: 30 },
      ...(extra.queueUrl === undefined ? {} : { onFailure: sqsOnFailureDestination(sqs, extra.queueUrl) }),
      ...(extra.now === undefined ? {} : { now: extra.now }),
      ...(extra.onShards === undefined ? {} : { onShards: extra.onShards }),
      pollIntervalMs: 50,
    });
    await runner.start();
    await runner.waitUntilCaughtUp({ timeoutMs: 60_000 });
    await runner.stop();
    return runner.stats();
  }

  it('delivers AWS-shaped events, every record once, in per-user order', async () => {
    const stream = await streamWith(eventsFor(10, 20));
    const log = new CommitLog();
    const seen: KinesisStreamEvent[] = [];
    const shardReports: number[] = [];

    const stats = await runToTip(stream, async (event) => {
      seen.push(event);
      log.commit(decode(event));
    }, settingsWith(), { onShards: (shards) => shardReports.push(shards) });

    // The stream has 2 shards: the runner says so once, when it starts polling.
    expect(shardReports).toEqual([2]);
    expect(log.total()).toBe(200);
    expect(log.inversions()).toBe(0);
    expect(stats).toMatchObject({ recordsCompleted: 200, recordsDiscarded: 0, failedInvocations: 0 });
    expect(Math.max(...seen.map((event) => event.Records.length))).toBeLessThanOrEqual(25);
    const record = seen[0]?.Records[0];
    expect(record).toMatchObject({
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventName: 'aws:kinesis:record',
      awsRegion: 'us-east-1',
      eventSourceARN: stream.streamArn,
      kinesis: { kinesisSchemaVersion: '1.0' },
    });
    expect(record?.eventID).toBe(`${record?.eventID.split(':')[0]}:${record?.kinesis.sequenceNumber}`);
    expect(record?.eventID).toMatch(/^shardId-\d{12}:\d+$/);
  });

  it('bisects around a throwing poison record, sends it to the on-failure queue and keeps the shard moving', async () => {
    const stream = await streamWith(eventsFor(10, 20, [[3, 7]]));
    const { QueueUrl: queueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'runner-bisect-failures' }));
    const log = new CommitLog();

    const stats = await runToTip(
      stream,
      async (event) => {
        const events = decode(event);
        if (events.some((e) => e.poison)) throw new Error('poison record');
        log.commit(events);
      },
      settingsWith({ reportBatchItemFailures: false, maximumRetryAttempts: 2 }),
      { queueUrl },
    );
    const failures = await onFailureMessages(queueUrl);

    expect(log.total()).toBe(199);
    expect(log.inversions()).toBe(0);
    expect(log.byUser.get('user-3')).not.toContain(7);
    expect(stats.recordsDiscarded).toBe(1);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      requestContext: { functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:test-fn', condition: 'RetryAttemptsExhausted' },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      KinesisBatchInfo: { batchSize: 1, streamArn: stream.streamArn },
    });
    expect(failures[0]?.KinesisBatchInfo.startSequenceNumber).toBe(failures[0]?.KinesisBatchInfo.endSequenceNumber);
    // The lone poison record was invoked once alone plus MaximumRetryAttempts (2) retries, after the bisect levels.
    expect(failures[0]?.requestContext.approximateInvokeCount).toBeGreaterThan(3);
  });

  it('retries from the lowest reported item on a partial batch response and discards the retried tail once retries run out', async () => {
    // AWS semantics: the retry restarts at the lowest failed sequence number, so when retries run out
    // the whole remaining tail of that batch (poison and what follows it) goes to the destination.
    const stream = await streamWith(eventsFor(10, 20, [[5, 2], [8, 15]]));
    const { QueueUrl: queueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'runner-partial-failures' }));
    const log = new CommitLog();

    const stats = await runToTip(
      stream,
      async (event) => {
        const events = decode(event);
        const firstPoison = events.findIndex((e) => e.poison);
        log.commit(firstPoison === -1 ? events : events.slice(0, firstPoison));
        const failed = event.Records[firstPoison];
        return { batchItemFailures: failed === undefined ? [] : [{ itemIdentifier: failed.kinesis.sequenceNumber }] };
      },
      settingsWith({ maximumRetryAttempts: 1 }),
      { queueUrl },
    );
    const failures = await onFailureMessages(queueUrl);

    expect(log.total() + stats.recordsDiscarded).toBe(200);
    expect(log.inversions()).toBe(0);
    expect(log.byUser.get('user-5')).not.toContain(2);
    expect(log.byUser.get('user-8')).not.toContain(15);
    expect(failures).toHaveLength(2);
    expect(failures.reduce((sum, failure) => sum + failure.KinesisBatchInfo.batchSize, 0)).toBe(stats.recordsDiscarded);
    expect(failures.map((failure) => failure.requestContext.condition)).toEqual(['RetryAttemptsExhausted', 'RetryAttemptsExhausted']);
    expect(failures.map((failure) => failure.responseContext.functionError)).toEqual([undefined, undefined]);
  });

  it('never runs two batches of one partition key at once with ParallelizationFactor 4, and keeps each key in order', async () => {
    const stream = await streamWith(eventsFor(40, 10));
    const log = new CommitLog();
    const inFlightUsers = new Set<string>();
    let overlaps = 0;

    await runToTip(
      stream,
      async (event) => {
        const users = new Set(decode(event).map((e) => e.user));
        for (const user of users) overlaps += inFlightUsers.has(user) ? 1 : 0;
        users.forEach((user) => inFlightUsers.add(user));
        await sleep(5);
        log.commit(decode(event));
        users.forEach((user) => inFlightUsers.delete(user));
      },
      settingsWith({ parallelizationFactor: 4, batchSize: 10 }),
    );

    expect(overlaps).toBe(0);
    expect(log.total()).toBe(400);
    expect(log.inversions()).toBe(0);
  });

  it('discards records older than MaximumRecordAgeInSeconds without invoking the function', async () => {
    const stream = await streamWith(eventsFor(4, 5));
    const { QueueUrl: queueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'runner-age-failures' }));
    let invocations = 0;
    // The runner's clock runs two minutes ahead: every record is older than the 60 s limit.
    const twoMinutesAhead = (): number => Date.now() + 120_000;

    const stats = await runToTip(
      stream,
      async () => {
        invocations += 1;
      },
      settingsWith({ maximumRecordAgeSeconds: 60 }),
      { queueUrl, now: twoMinutesAhead },
    );
    const failures = await onFailureMessages(queueUrl);

    expect(invocations).toBe(0);
    expect(stats.recordsDiscarded).toBe(20);
    expect(failures.map((failure) => failure.requestContext.condition)).toEqual(failures.map(() => 'RecordAgeExceeded'));
    expect(failures.reduce((sum, failure) => sum + failure.KinesisBatchInfo.batchSize, 0)).toBe(20);
  });

  it('names the consumer ARN as eventSourceARN for an enhanced fan-out mapping', async () => {
    const stream = await streamWith(eventsFor(2, 2));
    const consumerArn = `${stream.streamArn}/consumer/dashboard:1700000000`;
    const sources = new Set<string>();

    await runToTip(stream, async (event) => {
      event.Records.forEach((record) => sources.add(record.eventSourceARN));
    }, settingsWith(), { eventSourceArn: consumerArn });

    expect([...sources]).toEqual([consumerArn]);
  });

  describe('with KPL aggregates in the stream', () => {
    it('counts the user records the producer wrote, while each event carries the aggregates', async () => {
      // 10 users × 21 events, 5 per aggregate: 4 aggregates and 1 plain record per user.
      const events = eventsFor(10, 21);
      const stream = await streamWith(events, { perAggregate: 5 });
      const log = new CommitLog();
      let kinesisRecordsDelivered = 0;

      const stats = await runToTip(stream, async (event) => {
        kinesisRecordsDelivered += event.Records.length;
        log.commit(event.Records.flatMap(userEventsOf));
      }, settingsWith());

      expect(kinesisRecordsDelivered).toBe(50);
      expect(log.total()).toBe(events.length);
      expect(log.inversions()).toBe(0);
      expect(stats).toMatchObject({ recordsCompleted: events.length, recordsDiscarded: 0, failedInvocations: 0 });
    });

    it('accounts a poison user record inside an aggregate per user record: the aggregate is reported and discarded whole', async () => {
      const events = eventsFor(10, 20, [[4, 11]]);
      const stream = await streamWith(events, { perAggregate: 4 });
      const { QueueUrl: queueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'runner-aggregate-failures' }));
      const log = new CommitLog();
      const reportedSequenceNumbers = new Set<string>();

      const stats = await runToTip(
        stream,
        async (event) => {
          // A transactional consumer: it applies whole Kinesis records up to the first one carrying poison,
          // and names that aggregate's sequence number, the only item identifier Lambda accepts.
          const poisoned = event.Records.findIndex((record) => userEventsOf(record).some((e) => e.poison));
          log.commit(event.Records.slice(0, poisoned === -1 ? undefined : poisoned).flatMap(userEventsOf));
          const failed = event.Records[poisoned];
          if (failed !== undefined) reportedSequenceNumbers.add(failed.kinesis.sequenceNumber);
          return { batchItemFailures: failed === undefined ? [] : [{ itemIdentifier: failed.kinesis.sequenceNumber }] };
        },
        settingsWith({ maximumRetryAttempts: 1 }),
        { queueUrl },
      );
      const failures = await onFailureMessages(queueUrl);
      const inStream = await readWholeStream(kinesis, stream.streamName);
      const discardedKinesisRecords = failures.flatMap(({ KinesisBatchInfo: info }) =>
        inStream.filter((r) => r.shardId === info.shardId && BigInt(r.record.SequenceNumber ?? '0') >= BigInt(info.startSequenceNumber) && BigInt(r.record.SequenceNumber ?? '0') <= BigInt(info.endSequenceNumber)),
      );

      expect(failures).toHaveLength(1);
      // Lambda's side, in Kinesis records: the range starts at the reported aggregate and counts aggregates.
      expect(reportedSequenceNumbers).toEqual(new Set([failures[0]?.KinesisBatchInfo.startSequenceNumber]));
      expect(failures[0]?.KinesisBatchInfo.batchSize).toBe(discardedKinesisRecords.length);
      // The runner's side, in user records: every user record of the discarded aggregates, the poison's siblings included.
      expect(stats.recordsDiscarded).toBe(userRecordsOf(discardedKinesisRecords).length);
      expect(stats.recordsDiscarded).toBeGreaterThan(discardedKinesisRecords.length);
      expect(stats.recordsCompleted).toBe(log.total());
      expect(stats.recordsCompleted + stats.recordsDiscarded).toBe(events.length);
      expect(log.byUser.get('user-4')).not.toContain(11);
      expect(log.inversions()).toBe(0);
    });

    it('bisects down to the aggregate carrying a throwing poison user record and discards its 4 user records as 1 Kinesis record', async () => {
      const events = eventsFor(10, 20, [[3, 7]]);
      const stream = await streamWith(events, { perAggregate: 4 });
      const { QueueUrl: queueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'runner-aggregate-bisect-failures' }));
      const log = new CommitLog();

      const stats = await runToTip(
        stream,
        async (event) => {
          const userEvents = event.Records.flatMap(userEventsOf);
          if (userEvents.some((e) => e.poison)) throw new Error('poison user record');
          log.commit(userEvents);
        },
        settingsWith({ reportBatchItemFailures: false, maximumRetryAttempts: 2 }),
        { queueUrl },
      );
      const failures = await onFailureMessages(queueUrl);

      expect(failures.map((failure) => failure.KinesisBatchInfo.batchSize)).toEqual([1]);
      expect(stats.recordsDiscarded).toBe(4);
      expect(stats.recordsCompleted).toBe(events.length - 4);
      expect(log.total()).toBe(events.length - 4);
      // The poison's aggregate holds user-3's positions 4 to 7: none of them was applied.
      expect(log.byUser.get('user-3')?.filter((position) => position >= 4 && position <= 7)).toEqual([]);
    });
  });
});
