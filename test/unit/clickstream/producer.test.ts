import { generateClickstreamEvents } from '../../../runtime/clickstream/producer/generate-events';
import { InvalidClickstreamBatchError } from '../../../runtime/clickstream/producer/prepare-records';
import { ClickstreamProducer, InvalidProducerOptionError, type ProducerProgress } from '../../../runtime/clickstream/producer/producer';
import type { ClickstreamEvent } from '../../../runtime/shared/clickstream-events';
import { aPageView } from '../../factories/clickstream-events';
import { FakeKinesis, type EntryScript } from '../../factories/clickstream-fake-kinesis';

const MiB = 1024 * 1024;

/** One event per Kinesis record: these tests pin that mode's rules; producer-aggregation.test.ts covers aggregates. */
function producerFor(fake: FakeKinesis, delays: number[] = [], maxAttempts = 5): ClickstreamProducer {
  return new ClickstreamProducer({
    client: fake.client,
    streamName: 'clickstream',
    aggregation: 'off',
    maxAttempts,
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
  });
}

/** Each user's events in the order they were written, as eventIds. */
function writtenOrderByUser(events: readonly ClickstreamEvent[]): Map<string, string[]> {
  const byUser = new Map<string, string[]>();
  for (const event of events) byUser.set(event.userId, [...(byUser.get(event.userId) ?? []), event.eventId]);
  return byUser;
}

describe('ClickstreamProducer', () => {
  it('delivers everything in PutRecords calls of at most 500 records, one record per user per call', async () => {
    // Prepare
    const fake = new FakeKinesis();
    const events = generateClickstreamEvents({ events: 3000, users: 1200, seed: 3 });

    // Act
    const result = await producerFor(fake).send(events);

    // Assert
    expect(result).toEqual({ sent: 3000, undeliverable: [], calls: fake.calls.length });
    expect(Math.max(...fake.calls.map((call) => call.length))).toBe(500);
    for (const call of fake.calls) expect(new Set(call.map((entry) => entry.partitionKey)).size).toBe(call.length);
    expect(fake.calls.flat().every((entry) => entry.partitionKey === entry.event.userId)).toBe(true);
    expect(writtenOrderByUser(fake.written)).toEqual(writtenOrderByUser(events));
  });

  it('retries only the failed entries, with jittered exponential backoff', async () => {
    // Prepare: user-2's and user-4's first attempts fail
    const failures: Record<string, string> = { 'user-2': 'ProvisionedThroughputExceededException', 'user-4': 'InternalFailure' };
    const script: EntryScript = (entry, attempt) => (attempt === 1 ? failures[entry.partitionKey] : undefined);
    const fake = new FakeKinesis(script);
    const delays: number[] = [];
    const events = [1, 2, 3, 4, 5].map((n) => aPageView({ userId: `user-${n}` }));

    // Act
    const result = await producerFor(fake, delays).send(events);

    // Assert
    expect(result.sent).toBe(5);
    expect(fake.calls.map((call) => call.map((entry) => entry.partitionKey).sort())).toEqual([
      ['user-1', 'user-2', 'user-3', 'user-4', 'user-5'],
      ['user-2', 'user-4'],
    ]);
    // random() = 0.5 of the 100 ms first-retry ceiling
    expect(delays).toEqual([50, 50]);
  });

  it('grows the backoff exponentially up to its cap', async () => {
    // Prepare
    const fake = new FakeKinesis((_entry, attempt) => (attempt < 8 ? 'ProvisionedThroughputExceededException' : undefined));
    const delays: number[] = [];
    const producer = new ClickstreamProducer({ client: fake.client, streamName: 's', maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 2000, random: () => 0.999, sleep: async (ms) => void delays.push(ms) });

    // Act
    const result = await producer.send([aPageView()]);

    // Assert
    expect(result.sent).toBe(1);
    expect(delays).toEqual([99, 199, 399, 799, 1598, 1998, 1998]);
  });

  it('never lets a later record of a user overtake a failed earlier one', async () => {
    // Prepare: every user's first record is throttled twice
    const fake = new FakeKinesis((entry, attempt) => (entry.event.eventId.endsWith('-first') && attempt <= 2 ? 'ProvisionedThroughputExceededException' : undefined));
    const events = ['a', 'b', 'c'].flatMap((user) => [
      aPageView({ userId: user, eventId: `${user}-first` }),
      aPageView({ userId: user, eventId: `${user}-second` }),
      aPageView({ userId: user, eventId: `${user}-third` }),
    ]);

    // Act
    const result = await producerFor(fake).send(events);

    // Assert
    expect(result.sent).toBe(9);
    expect(writtenOrderByUser(fake.written)).toEqual(
      new Map(['a', 'b', 'c'].map((user) => [user, [`${user}-first`, `${user}-second`, `${user}-third`]])),
    );
  });

  it('keeps per-user order across concurrent sends on one producer', async () => {
    // Prepare
    const fake = new FakeKinesis((entry, attempt) => (entry.event.eventId.startsWith('one-') && attempt === 1 ? 'InternalFailure' : undefined));
    const producer = producerFor(fake);
    const first = ['u1', 'u2'].map((userId) => aPageView({ userId, eventId: `one-${userId}` }));
    const second = ['u1', 'u2'].map((userId) => aPageView({ userId, eventId: `two-${userId}` }));

    // Act
    const [firstResult, secondResult] = await Promise.all([producer.send(first), producer.send(second)]);

    // Assert
    expect([firstResult.sent, secondResult.sent]).toEqual([2, 2]);
    expect(writtenOrderByUser(fake.written)).toEqual(new Map([['u1', ['one-u1', 'two-u1']], ['u2', ['one-u2', 'two-u2']]]));
  });

  it('reports a record that keeps failing, and holds back that user’s later records, without dropping them silently', async () => {
    // Prepare
    const fake = new FakeKinesis((entry) => (entry.event.eventId === 'doomed' ? 'ProvisionedThroughputExceededException' : undefined));
    const events = [
      aPageView({ userId: 'a', eventId: 'doomed' }),
      aPageView({ userId: 'a', eventId: 'after-doomed' }),
      aPageView({ userId: 'b', eventId: 'fine' }),
    ];

    // Act
    const result = await producerFor(fake, [], 3).send(events);

    // Assert
    expect(result.sent).toBe(1);
    expect(result.undeliverable).toEqual([
      expect.objectContaining({ index: 0, errorCode: 'ProvisionedThroughputExceededException', attempts: 3, event: events[0] }),
      expect.objectContaining({ index: 1, errorCode: 'PrecedingRecordUndeliverable', attempts: 0, event: events[1] }),
    ]);
    expect(fake.written.map((event) => event.eventId)).toEqual(['fine']);
  });

  it('does not retry a call that failed for a permanent reason', async () => {
    // Prepare
    const notFound = Object.assign(new Error('Stream clickstream not found'), { name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } });
    let calls = 0;
    const client = { send: async () => { calls += 1; throw notFound; } } as unknown as ConstructorParameters<typeof ClickstreamProducer>[0]['client'];
    const producer = new ClickstreamProducer({ client, streamName: 'clickstream', sleep: async () => undefined });

    // Act
    const result = await producer.send([aPageView({ userId: 'a' }), aPageView({ userId: 'b' })]);

    // Assert
    expect(calls).toBe(1);
    expect(result.undeliverable.map((record) => record.errorCode)).toEqual(['ResourceNotFoundException', 'ResourceNotFoundException']);
  });

  it.each([
    ['no region', Object.assign(new Error('Region is missing'), { name: 'Error' })],
    ['no credentials', Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' })],
  ])('stops at the first call with %s: nothing retried, every record and every later send reported at once', async (_label, error) => {
    // Prepare: 3,000 events over 1,200 users would take many calls and 10 attempts each if retried
    let calls = 0;
    const delays: number[] = [];
    const client = { send: async () => { calls += 1; throw error; } } as unknown as ConstructorParameters<typeof ClickstreamProducer>[0]['client'];
    const producer = new ClickstreamProducer({ client, streamName: 'clickstream', aggregation: 'off', maxAttempts: 10, sleep: async (ms) => { delays.push(ms); } });
    const events = generateClickstreamEvents({ events: 3000, users: 1200, seed: 3 });

    // Act
    const first = await producer.send(events);
    const later = await producer.send([aPageView({ userId: 'late' })]);

    // Assert: one call per concurrent slot at most, no backoff
    expect(calls).toBeLessThanOrEqual(4);
    expect(delays).toEqual([]);
    expect(first.sent).toBe(0);
    expect(first.undeliverable).toHaveLength(3000);
    // The first call's users' later events are held back behind their failed head, as always.
    expect(new Set(first.undeliverable.map((record) => record.errorCode))).toEqual(new Set([error.name, 'PrecedingRecordUndeliverable']));
    expect(later.undeliverable.map((record) => record.errorCode)).toEqual([error.name]);
    expect(producer.haltedBy?.errorMessage).toBe(error.message);
  });

  it('reports progress after each call until everything is settled', async () => {
    // Prepare
    const fake = new FakeKinesis();
    const updates: ProducerProgress[] = [];
    const events = generateClickstreamEvents({ events: 1200, users: 1, seed: 5 }).map((event, index) => ({ ...event, userId: `user-${index}` }));

    // Act
    await producerFor(fake).send(events, { onProgress: (progress) => updates.push(progress) });

    // Assert
    expect(updates.map((update) => update.sent)).toEqual([500, 1000, 1200]);
    expect(updates.at(-1)).toEqual({ total: 1200, sent: 1200, undeliverable: 0, calls: 3 });
  });

  describe('rejects before sending anything', () => {
    it('an invalid event, naming its position and field', async () => {
      // Prepare
      const fake = new FakeKinesis();
      const events: unknown[] = [aPageView(), { ...aPageView({ eventId: 'bad-one' }), timestamp: 'now' }];

      // Act
      const sending = producerFor(fake).send(events);

      // Assert
      await expect(sending).rejects.toThrow(InvalidClickstreamBatchError);
      await expect(sending).rejects.toThrow(/#1 \(bad-one\): timestamp/);
      expect(fake.calls).toHaveLength(0);
    });

    it('an event over the record size limit, counting data and partition key', async () => {
      // Prepare: valid events are a few KB at most, so the limit is lowered to reach it
      const fake = new FakeKinesis();
      const events = [aPageView(), aPageView({ eventId: 'too-big', referrer: `/${'r'.repeat(1000)}` })];
      const producer = new ClickstreamProducer({ client: fake.client, streamName: 's', maxRecordBytes: 1000 });

      // Act
      const sending = producer.send(events);

      // Assert
      await expect(sending).rejects.toThrow(/^1 event\(s\) rejected, nothing sent: #1 \(too-big\): record is \d+ bytes \(data \+ partition key\), over the 1000-byte record size limit$/);
      expect(fake.calls).toHaveLength(0);
    });
  });

  it.each([
    ['maxAttempts', { maxAttempts: 0 }],
    ['maxConcurrentCalls', { maxConcurrentCalls: 1.5 }],
    ['maxRecordBytes', { maxRecordBytes: 6 * MiB }],
    ['baseDelayMs', { baseDelayMs: -1 }],
  ])('rejects an out-of-range %s option', (option, overrides) => {
    // Act
    const create = (): unknown => new ClickstreamProducer({ client: new FakeKinesis().client, streamName: 's', ...overrides });

    // Assert
    expect(create).toThrow(InvalidProducerOptionError);
    expect(create).toThrow(new RegExp(option));
  });
});
