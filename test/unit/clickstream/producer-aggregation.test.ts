import { ClickstreamProducer } from '../../../runtime/clickstream/producer/producer';
import type { AggregationMode } from '../../../runtime/clickstream/producer/kinesis-entry';
import type { ClickstreamEvent } from '../../../runtime/shared/clickstream-events';
import { aPageView } from '../../factories/clickstream-events';
import { FakeKinesis, type EntryScript } from '../../factories/clickstream-fake-kinesis';

function producerFor(fake: FakeKinesis, aggregation: AggregationMode, maxAttempts = 5, maxRecordBytes?: number): ClickstreamProducer {
  return new ClickstreamProducer({ client: fake.client, streamName: 'clickstream', aggregation, maxAttempts, maxRecordBytes, sleep: async () => undefined, random: () => 0.5 });
}

const ids = (events: readonly ClickstreamEvent[]): string[] => events.map((event) => event.eventId);
const hotUserEvents = (count: number): ClickstreamEvent[] => Array.from({ length: count }, (_, n) => aPageView({ userId: 'hot', eventId: `hot-${n}` }));

describe('ClickstreamProducer aggregation', () => {
  it('auto: sends a hot user\'s backlog as one aggregated record on its own partition key, in order', async () => {
    // Prepare
    const fake = new FakeKinesis();
    const events = [...hotUserEvents(300), aPageView({ userId: 'calm', eventId: 'calm-1' })];

    // Act
    const result = await producerFor(fake, 'auto').send(events);

    // Assert
    expect(result).toMatchObject({ sent: 301, undeliverable: [], calls: 1 });
    const [call] = fake.calls;
    expect(call.map((entry) => [entry.partitionKey, entry.aggregated, entry.events.length])).toEqual([
      ['hot', true, 300],
      ['calm', false, 1],
    ]);
    expect(ids(fake.written)).toEqual(ids(events));
  });

  it('off: one event per record, so the hot user goes one call per event', async () => {
    const fake = new FakeKinesis();
    await producerFor(fake, 'off').send(hotUserEvents(5));
    expect(fake.calls.map((call) => call.length)).toEqual([1, 1, 1, 1, 1]);
    expect(fake.calls.flat().some((entry) => entry.aggregated)).toBe(false);
  });

  it('on: aggregates even a lone event', async () => {
    const fake = new FakeKinesis();
    await producerFor(fake, 'on').send([aPageView({ userId: 'a' })]);
    expect(fake.calls.flat().map((entry) => entry.aggregated)).toEqual([true]);
  });

  it('keeps each aggregate within the record size limit, splitting a long backlog in order', async () => {
    // Prepare: ~200-byte events against a 2,000-byte limit
    const fake = new FakeKinesis();
    const events = hotUserEvents(40);

    // Act
    await producerFor(fake, 'auto', 5, 2_000).send(events);

    // Assert
    const entries = fake.calls.flat();
    expect(entries.length).toBeGreaterThan(1);
    expect(Math.max(...entries.map((entry) => entry.bytes))).toBeLessThanOrEqual(2_000);
    expect(ids(fake.written)).toEqual(ids(events));
  });

  it('retries a failed aggregate whole, so no later event of the user overtakes it', async () => {
    // Prepare: the first attempt of the aggregate that starts with hot-0 fails
    const script: EntryScript = (entry, attempt) => (entry.event.eventId === 'hot-0' && attempt === 1 ? 'ProvisionedThroughputExceededException' : undefined);
    const fake = new FakeKinesis(script);
    const producer = producerFor(fake, 'auto');
    const events = hotUserEvents(50);

    // Act: a second send arrives while the first aggregate is in backoff
    const [first, second] = await Promise.all([producer.send(events.slice(0, 30)), producer.send(events.slice(30))]);

    // Assert
    expect([first.sent, second.sent]).toEqual([30, 20]);
    expect(ids(fake.written)).toEqual(ids(events));
  });

  it('reports every event of an aggregate that keeps failing, and holds back the user\'s later ones', async () => {
    // Prepare
    const fake = new FakeKinesis((entry) => (entry.event.eventId === 'hot-0' ? 'InternalFailure' : undefined));
    const producer = producerFor(fake, 'auto', 2);
    const events = hotUserEvents(6);

    // Act
    const [first, later] = await Promise.all([producer.send(events.slice(0, 4)), producer.send(events.slice(4))]);

    // Assert
    expect(first.undeliverable.map((record) => [record.event.eventId, record.errorCode, record.attempts])).toEqual([
      ['hot-0', 'InternalFailure', 2],
      ['hot-1', 'InternalFailure', 2],
      ['hot-2', 'InternalFailure', 2],
      ['hot-3', 'InternalFailure', 2],
    ]);
    expect(later.undeliverable.map((record) => record.errorCode)).toEqual(['PrecedingRecordUndeliverable', 'PrecedingRecordUndeliverable']);
    expect(fake.written).toEqual([]);
  });
});
