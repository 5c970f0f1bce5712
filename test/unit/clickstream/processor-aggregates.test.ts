import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { createClickstreamDashboard } from '../../../runtime/clickstream/dashboard-lambda/clickstream-dashboard';
import { createClickstreamProcessor } from '../../../runtime/clickstream/processor-lambda/clickstream-processor';
import type { ClickstreamEvent } from '../../../runtime/shared/clickstream-events';
import { encodeAggregatedRecord } from '../../../runtime/shared/kpl';
import { aClick, aPageView } from '../../factories/clickstream-events';
import { capturePowertoolsOutput, metricValues, type PowertoolsOutput } from '../../factories/clickstream-emf-capture';
import { kinesisRecordOf } from '../../factories/clickstream-kinesis-event';
import { aLambdaContext } from '../../factories/clickstream-lambda-context';
import { InMemorySessionStore } from '../../factories/clickstream-session-store';
import { aClickstreamProcessor } from '../../factories/clickstream-processor';

/** A Lambda record carrying a KPL aggregate of `payloads` (events, or raw strings for poison). */
function aggregateRecord(partitionKey: string, payloads: readonly (ClickstreamEvent | string)[], position: number): KinesisStreamRecord {
  const data = encodeAggregatedRecord(
    payloads.map((payload) => ({
      partitionKey: typeof payload === 'string' ? partitionKey : payload.userId,
      data: Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)),
    })),
  );
  const record = kinesisRecordOf({ data: 'placeholder', partitionKey }, position);
  return { ...record, kinesis: { ...record.kinesis, data: Buffer.from(data).toString('base64') } };
}

const at = (minute: number): string => `2026-11-21T10:${String(minute).padStart(2, '0')}:00Z`;

describe('clickstream processor with KPL aggregates', () => {
  let output: PowertoolsOutput;
  let store: InMemorySessionStore;
  let processBatch: ReturnType<typeof createClickstreamProcessor>;

  beforeEach(() => {
    output = capturePowertoolsOutput();
    store = new InMemorySessionStore();
    processBatch = aClickstreamProcessor(store);
  });

  afterEach(() => output.restore());

  it('applies a poison user record\'s valid siblings, names the aggregate\'s sequence number, and ends exact after the retry', async () => {
    // Prepare: a's aggregate has a poison record in the middle; b follows in a plain record
    const aggregate = aggregateRecord('a', [aPageView({ userId: 'a', timestamp: at(0) }), '{not json', aPageView({ userId: 'a', timestamp: at(1) })], 0);
    const plain = kinesisRecordOf({ data: aPageView({ userId: 'b', timestamp: at(2) }) }, 1);
    const event: KinesisStreamEvent = { Records: [aggregate, plain] };

    // Act: the failure, then Lambda's retry of the same batch from the failed record
    const first = await processBatch(event, aLambdaContext());
    const retry = await processBatch(event, aLambdaContext());

    // Assert
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: aggregate.kinesis.sequenceNumber }]);
    expect(retry.batchItemFailures).toEqual([{ itemIdentifier: aggregate.kinesis.sequenceNumber }]);
    expect(store.items.get('a')?.pageCount).toBe(2);
    expect(store.items.get('b')?.pageCount).toBe(1);
    expect(metricValues(output.metrics, 'InvalidEvents').map((metric) => metric.value)).toEqual([1, 1]);
    expect(metricValues(output.metrics, 'RedeliveredEventsSkipped').map((metric) => metric.value)).toEqual([0, 3]);
  });

  it('holds back a user\'s later records inside the aggregate after a failed write, and applies them exactly once on the retry', async () => {
    // Prepare (another user's record too: a batch where every record fails is retried whole, not reported)
    const event: KinesisStreamEvent = {
      Records: [
        aggregateRecord('a', [aPageView({ userId: 'a', timestamp: at(0) }), aClick({ userId: 'a', timestamp: at(1) }), aPageView({ userId: 'a', timestamp: at(2) })], 0),
        kinesisRecordOf({ data: aPageView({ userId: 'z', timestamp: at(3) }) }, 1),
      ],
    };
    store.failNextSaveFor.add('a');

    // Act
    const first = await processBatch(event, aLambdaContext());
    const retry = await processBatch(event, aLambdaContext());

    // Assert
    expect(first.batchItemFailures).toHaveLength(1);
    expect(retry.batchItemFailures).toEqual([]);
    expect(store.items.get('a')).toMatchObject({ pageCount: 2, lastSeenAt: at(2) });
    expect(store.items.get('a')?.lastSequenceNumber).toMatch(/\.0000000002$/);
  });

  it('reports a corrupt aggregate (bad MD5) and applies none of it', async () => {
    // Prepare
    const record = aggregateRecord('a', [aPageView({ userId: 'a', timestamp: at(0) }), aPageView({ userId: 'a', timestamp: at(1) })], 0);
    const bytes = Buffer.from(record.kinesis.data, 'base64');
    bytes[bytes.length - 1] ^= 0xff;
    const corrupt = { ...record, kinesis: { ...record.kinesis, data: bytes.toString('base64') } };

    // Act
    const response = await processBatch({ Records: [corrupt, kinesisRecordOf({ data: aPageView({ userId: 'z', timestamp: at(3) }) }, 1)] }, aLambdaContext());

    // Assert
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.kinesis.sequenceNumber }]);
    expect([...store.items.keys()]).toEqual(['z']);
    expect(metricValues(output.metrics, 'InvalidEvents').map((metric) => metric.value)).toEqual([1]);
  });

  it('the dashboard counts user records, and skips a corrupt aggregate whole', async () => {
    // Prepare
    const dashboard = createClickstreamDashboard({
      logger: new Logger({ serviceName: 'clickstream-dashboard' }),
      metrics: new Metrics({ namespace: 'QueueOrStream/Clickstream', serviceName: 'clickstream-dashboard' }),
      topPagesCount: 3,
      // The events' own clock: their minutes must be inside CloudWatch's window to be published.
      now: () => Date.parse(at(5)),
    });
    const good = aggregateRecord('a', [aPageView({ userId: 'a', timestamp: at(0) }), aPageView({ userId: 'a', timestamp: at(0) })], 0);
    const bad = aggregateRecord('b', [aPageView({ userId: 'b', timestamp: at(0) })], 1);
    const badBytes = Buffer.from(bad.kinesis.data, 'base64');
    badBytes[6] ^= 0xff;

    // Act
    await dashboard({ Records: [good, { ...bad, kinesis: { ...bad.kinesis, data: badBytes.toString('base64') } }] }, aLambdaContext());

    // Assert
    expect(metricValues(output.metrics, 'PageViews').map((metric) => metric.value)).toEqual([2]);
    expect(metricValues(output.metrics, 'InvalidEvents').map((metric) => metric.value)).toEqual([1]);
  });
});
