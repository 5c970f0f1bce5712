import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { padSequenceNumber } from '../../../runtime/clickstream/processor-lambda/sequence-number';
import { createKafkaSessionizer } from '../../../runtime/kafka/sessionizer-lambda/kafka-sessionizer';
import { aClick, aPageView } from '../../factories/clickstream-events';
import { capturePowertoolsOutput, metricValues, type PowertoolsOutput } from '../../factories/clickstream-emf-capture';
import { aLambdaContext } from '../../factories/clickstream-lambda-context';
import { InMemorySessionStore } from '../../factories/clickstream-session-store';
import { mskEventOf } from '../../factories/kafka-msk-event';

describe('Kafka sessionizer', () => {
  let output: PowertoolsOutput;
  let store: InMemorySessionStore;
  let processBatch: ReturnType<typeof createKafkaSessionizer>;

  beforeEach(() => {
    output = capturePowertoolsOutput();
    store = new InMemorySessionStore();
    processBatch = createKafkaSessionizer({
      store,
      sessionTimeoutSeconds: 1800,
      logger: new Logger({ serviceName: 'kafka-sessionizer' }),
      metrics: new Metrics({ namespace: 'QueueOrStream/Kafka', serviceName: 'kafka-sessionizer' }),
    });
  });

  afterEach(() => output.restore());

  it('applies each user’s events in offset order across partitions, with the offset as watermark', async () => {
    // Prepare
    const event = mskEventOf([
      { value: aPageView({ userId: 'a', timestamp: '2026-11-21T10:00:00Z' }), partition: 0 },
      { value: aPageView({ userId: 'b', timestamp: '2026-11-21T10:00:01Z' }), partition: 1 },
      { value: aClick({ userId: 'a', timestamp: '2026-11-21T10:00:02Z' }), partition: 0 },
      { value: aPageView({ userId: 'a', timestamp: '2026-11-21T10:00:03Z' }), partition: 0 },
    ]);

    // Act
    const response = await processBatch(event, aLambdaContext());

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(store.items.get('a')).toMatchObject({ pageCount: 2, lastSeenAt: '2026-11-21T10:00:03Z', lastSequenceNumber: padSequenceNumber('102') });
    expect(store.items.get('b')).toMatchObject({ pageCount: 1, lastSequenceNumber: padSequenceNumber('100') });
    expect(metricValues(output.metrics, 'EventsProcessed').map((metric) => metric.value)).toEqual([4]);
  });

  it('skips a redelivered batch instead of counting its pages twice', async () => {
    // Prepare
    const event = mskEventOf([aPageView({ userId: 'a' }), aPageView({ userId: 'a' })]);
    await processBatch(event, aLambdaContext());

    // Act
    const response = await processBatch(event, aLambdaContext());

    // Assert
    expect(response.batchItemFailures).toEqual([]);
    expect(store.items.get('a')?.pageCount).toBe(2);
    expect(metricValues(output.metrics, 'RedeliveredEventsSkipped').map((metric) => metric.value)).toEqual([0, 2]);
  });

  it('reports poison records by { partition: <topic>-<partition>, offset } and still applies the rest', async () => {
    // Prepare
    const event = mskEventOf([
      { value: aPageView({ userId: 'a' }), partition: 2 },
      { value: '{not json', key: 'a', partition: 2 },
      { value: aPageView({ userId: 'b' }), key: 'not-b', partition: 2 },
      { value: aPageView({ userId: 'c' }), key: null, partition: 2 },
      { value: aPageView({ userId: 'a' }), partition: 2 },
    ]);

    // Act
    const response = await processBatch(event, aLambdaContext());

    // Assert
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: { partition: 'clickstream-2', offset: 101 } },
      { itemIdentifier: { partition: 'clickstream-2', offset: 102 } },
      { itemIdentifier: { partition: 'clickstream-2', offset: 103 } },
    ]);
    expect(store.items.get('a')?.pageCount).toBe(2);
    expect(metricValues(output.metrics, 'InvalidEvents').map((metric) => metric.value)).toEqual([3]);
  });

  it('holds back a user’s later records after a transient failure, so a retry cannot skip one', async () => {
    // Prepare
    store.failNextSaveFor.add('a');
    const event = mskEventOf([aPageView({ userId: 'a' }), aPageView({ userId: 'a' }), aPageView({ userId: 'b' })]);

    // Act
    const response = await processBatch(event, aLambdaContext());

    // Assert
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: { partition: 'clickstream-0', offset: 100 } },
      { itemIdentifier: { partition: 'clickstream-0', offset: 101 } },
    ]);
    expect(store.items.has('a')).toBe(false);
    expect(store.items.get('b')?.pageCount).toBe(1);
  });
});
