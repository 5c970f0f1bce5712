import { createClickstreamProcessor } from '../../../runtime/clickstream/processor-lambda/clickstream-processor';
import { padSequenceNumber } from '../../../runtime/clickstream/processor-lambda/sequence-number';
import { aClick, aPageView } from '../../factories/clickstream-events';
import { capturePowertoolsOutput, metricValues, type PowertoolsOutput } from '../../factories/clickstream-emf-capture';
import { kinesisEventOf } from '../../factories/clickstream-kinesis-event';
import { aLambdaContext } from '../../factories/clickstream-lambda-context';
import { InMemorySessionStore } from '../../factories/clickstream-session-store';
import { aClickstreamProcessor } from '../../factories/clickstream-processor';

const SEQ = (n: number): string => String(49650000000000000000000000000000000000000000000000000000n + BigInt(n));

describe('clickstream processor', () => {
  let output: PowertoolsOutput;
  let store: InMemorySessionStore;
  let processBatch: ReturnType<typeof createClickstreamProcessor>;

  beforeEach(() => {
    output = capturePowertoolsOutput();
    store = new InMemorySessionStore();
    processBatch = aClickstreamProcessor(store);
  });

  afterEach(() => output.restore());

  it('applies every user’s events in order and reports no failures', async () => {
    // Prepare
    const event = kinesisEventOf([
      aPageView({ userId: 'a', timestamp: '2026-11-21T10:00:00Z' }),
      aPageView({ userId: 'b', timestamp: '2026-11-21T10:00:01Z' }),
      aClick({ userId: 'a', timestamp: '2026-11-21T10:00:02Z' }),
      aPageView({ userId: 'a', timestamp: '2026-11-21T10:00:03Z' }),
    ]);

    // Act
    const response = await processBatch(event, aLambdaContext());

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(store.items.get('a')).toMatchObject({ pageCount: 2, lastSeenAt: '2026-11-21T10:00:03Z', lastSequenceNumber: padSequenceNumber(SEQ(4)) });
    expect(store.items.get('b')).toMatchObject({ pageCount: 1 });
    expect(metricValues(output.metrics, 'EventsProcessed').map((metric) => metric.value)).toEqual([4]);
  });

  it('takes a year-9999 event through the invalid-record path: a batch item failure, and no session pinned', async () => {
    // Prepare
    const event = kinesisEventOf([
      aPageView({ userId: 'a', timestamp: '2026-11-21T10:00:00Z' }),
      aPageView({ userId: 'b', timestamp: '9999-12-31T23:59:59Z' }),
      aPageView({ userId: 'c', page: '/bad\r\npage' }),
    ]);

    // Act
    const response = await processBatch(event, aLambdaContext());

    // Assert
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: SEQ(2) }, { itemIdentifier: SEQ(3) }]);
    expect(store.items.has('b')).toBe(false);
    expect(store.items.has('c')).toBe(false);
    expect(store.items.get('a')).toMatchObject({ pageCount: 1 });
    expect(metricValues(output.metrics, 'InvalidEvents').map((metric) => metric.value)).toEqual([2]);
  });

  it('does not double-count pages when the same batch is delivered twice', async () => {
    // Prepare
    const event = kinesisEventOf([aPageView({ userId: 'a' }), aPageView({ userId: 'a' }), aPageView({ userId: 'b' })]);
    await processBatch(event, aLambdaContext());

    // Act
    const response = await processBatch(event, aLambdaContext());

    // Assert
    expect(response.batchItemFailures).toEqual([]);
    expect(store.items.get('a')?.pageCount).toBe(2);
    expect(store.items.get('b')?.pageCount).toBe(1);
    expect(metricValues(output.metrics, 'RedeliveredEventsSkipped').map((metric) => metric.value)).toEqual([0, 3]);
  });

  it('reports bad JSON, schema violations and key mismatches as failures while good records next to them are applied', async () => {
    // Prepare
    const event = kinesisEventOf([
      aPageView({ userId: 'a' }),
      { data: '{"eventId": "broken', partitionKey: 'a' },
      { data: { ...aPageView({ userId: 'b' }), timestamp: 'yesterday' } },
      { data: aPageView({ userId: 'c' }), partitionKey: 'not-c' },
      aPageView({ userId: 'a' }),
      aPageView({ userId: 'b' }),
    ]);

    // Act
    const response = await processBatch(event, aLambdaContext());

    // Assert
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: SEQ(2) }, { itemIdentifier: SEQ(3) }, { itemIdentifier: SEQ(4) }]);
    expect(store.items.get('a')?.pageCount).toBe(2);
    expect(store.items.get('b')?.pageCount).toBe(1);
    expect(store.items.has('c')).toBe(false);
    expect(metricValues(output.metrics, 'InvalidEvents').map((metric) => metric.value)).toEqual([3]);
    // Users are processed concurrently, so the warnings are matched to their records, not by log order.
    const reasonBySequenceNumber = Object.fromEntries(
      output.logs.filter((log) => log.level === 'WARN').map((log) => [String(log.sequenceNumber), String(log.reason)]),
    );
    expect(reasonBySequenceNumber).toEqual({
      [SEQ(2)]: expect.stringMatching(/not valid JSON/),
      [SEQ(3)]: expect.stringMatching(/timestamp/),
      [SEQ(4)]: expect.stringMatching(/partition key "not-c"/),
    });
  });

  it('holds back a user’s later records after one fails, so the retry keeps their order', async () => {
    // Prepare
    const event = kinesisEventOf([
      aPageView({ userId: 'a', timestamp: '2026-11-21T10:00:00Z' }),
      aPageView({ userId: 'b', timestamp: '2026-11-21T10:00:01Z' }),
      aPageView({ userId: 'a', timestamp: '2026-11-21T10:00:02Z' }),
      aPageView({ userId: 'a', timestamp: '2026-11-21T10:00:03Z' }),
      aPageView({ userId: 'b', timestamp: '2026-11-21T10:00:04Z' }),
    ]);
    store.failNextSaveFor.add('a');

    // Act
    const firstTry = await processBatch(event, aLambdaContext());
    const retry = await processBatch(event, aLambdaContext());

    // Assert
    expect(firstTry.batchItemFailures).toEqual([{ itemIdentifier: SEQ(1) }, { itemIdentifier: SEQ(3) }, { itemIdentifier: SEQ(4) }]);
    expect(retry.batchItemFailures).toEqual([]);
    expect(store.items.get('a')).toMatchObject({ pageCount: 3, lastSeenAt: '2026-11-21T10:00:03Z' });
    expect(store.items.get('b')).toMatchObject({ pageCount: 2 });
  });

  it('does not hold back a user’s later records behind an invalid one (it can never be applied)', async () => {
    // Prepare
    const event = kinesisEventOf([{ data: 'not json', partitionKey: 'a' }, aPageView({ userId: 'a' })]);

    // Act
    const response = await processBatch(event, aLambdaContext());

    // Assert
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: SEQ(1) }]);
    expect(store.items.get('a')?.pageCount).toBe(1);
  });
});
