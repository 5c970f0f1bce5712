import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createClickstreamDashboard } from '../../../runtime/clickstream/dashboard-lambda/clickstream-dashboard';
import { aClick, aPageView } from '../../factories/clickstream-events';
import { capturePowertoolsOutput, metricValues, type PowertoolsOutput } from '../../factories/clickstream-emf-capture';
import { kinesisEventOf } from '../../factories/clickstream-kinesis-event';
import { aLambdaContext } from '../../factories/clickstream-lambda-context';
import { ARRIVAL_EPOCH_SECONDS } from '../../factories/clickstream-kinesis-event';
import { setSystemClock, twoYearsFromNow } from './system-clock';
import { generateClickstreamEvents } from '../../../runtime/clickstream/producer/generate-events';

const MINUTE_0 = Date.parse('2026-11-21T10:00:00Z');
const MINUTE_1 = Date.parse('2026-11-21T10:01:00Z');

describe('clickstream dashboard', () => {
  let output: PowertoolsOutput;
  let aggregateBatch: ReturnType<typeof createClickstreamDashboard>;

  beforeEach(() => {
    // The factories' events happen on one fixed day; the dashboard runs when they arrive.
    setSystemClock(ARRIVAL_EPOCH_SECONDS * 1000);
    output = capturePowertoolsOutput();
    aggregateBatch = createClickstreamDashboard({
      logger: new Logger({ serviceName: 'clickstream-dashboard' }),
      metrics: new Metrics({ namespace: 'QueueOrStream/Clickstream', serviceName: 'clickstream-dashboard' }),
      topPagesCount: 2,
    });
  });

  afterEach(() => {
    output.restore();
    jest.useRealTimers();
  });

  it('publishes page views, active users and top pages stamped with each event-time minute', async () => {
    // Prepare
    const event = kinesisEventOf([
      aPageView({ userId: 'a', page: '/home', timestamp: '2026-11-21T10:00:10Z' }),
      aPageView({ userId: 'b', page: '/home', timestamp: '2026-11-21T10:00:20Z' }),
      aPageView({ userId: 'b', page: '/docs', timestamp: '2026-11-21T10:00:30Z' }),
      aPageView({ userId: 'c', page: '/cart', timestamp: '2026-11-21T10:00:40Z' }),
      aClick({ userId: 'a', timestamp: '2026-11-21T10:01:05Z' }),
    ]);

    // Act
    const response = await aggregateBatch(event, aLambdaContext());

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(metricValues(output.metrics, 'PageViews').map(({ timestamp, value }) => [timestamp, value])).toEqual([
      [MINUTE_0, 4],
      [MINUTE_1, 0],
    ]);
    expect(metricValues(output.metrics, 'ActiveUsers').map(({ timestamp, value }) => [timestamp, value])).toEqual([
      [MINUTE_0, 3],
      [MINUTE_1, 1],
    ]);
    expect(metricValues(output.metrics, 'TopPageViews').map(({ timestamp, value, dimensions }) => [timestamp, dimensions.page, value])).toEqual([
      [MINUTE_0, '/home', 2],
      [MINUTE_0, '/cart', 1],
    ]);
    expect(output.metrics.every((blob) => blob._aws.CloudWatchMetrics[0]?.Namespace === 'QueueOrStream/Clickstream')).toBe(true);
  });

  it('skips and counts invalid records, logging why, and still aggregates the good ones', async () => {
    // Prepare
    const event = kinesisEventOf([
      aPageView({ userId: 'a', timestamp: '2026-11-21T10:00:10Z' }),
      { data: 'garbage', partitionKey: 'x' },
      { data: JSON.stringify({ ...aPageView({ userId: 'b' }), type: 'hover' }) },
      aPageView({ userId: 'b', timestamp: '2026-11-21T10:00:20Z' }),
    ]);

    // Act
    const response = await aggregateBatch(event, aLambdaContext());

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(metricValues(output.metrics, 'PageViews').map(({ value }) => value)).toEqual([2]);
    expect(metricValues(output.metrics, 'InvalidEvents').map(({ value }) => value)).toEqual([2]);
    const warnings = output.logs.filter((log) => log.level === 'WARN');
    expect(warnings.map((log) => String(log.reason))).toEqual([expect.stringMatching(/not valid JSON/), expect.stringMatching(/type/)]);
  });

  it('skips a far-future event and a page that is no dimension value, instead of publishing them', async () => {
    // Prepare
    const event = kinesisEventOf([
      aPageView({ userId: 'a', timestamp: '2026-11-21T10:00:10Z' }),
      aPageView({ userId: 'b', timestamp: '9999-12-31T23:59:59Z' }),
      aPageView({ userId: 'c', timestamp: '2026-11-21T10:00:20Z', page: '/p\u0007' }),
    ]);

    // Act
    await aggregateBatch(event, aLambdaContext());

    // Assert
    expect(metricValues(output.metrics, 'PageViews').map(({ value }) => value)).toEqual([1]);
    expect(metricValues(output.metrics, 'InvalidEvents').map(({ value }) => value)).toEqual([2]);
    const warnings = output.logs.filter((log) => log.level === 'WARN');
    expect(warnings.map((log) => String(log.reason))).toEqual([expect.stringMatching(/minutes after/), expect.stringMatching(/page: must be printable ASCII/)]);
  });

  describe('with the clock two years ahead', () => {
    beforeEach(() => setSystemClock(twoYearsFromNow()));

    it('publishes generated traffic (event times relative to now) under its own minutes', async () => {
      // Prepare
      const events = generateClickstreamEvents({ events: 600, users: 20, seed: 4 });
      const eventMinutes = new Set(events.map((event) => Math.floor(Date.parse(event.timestamp) / 60_000) * 60_000));

      const event = kinesisEventOf(events);
      for (const record of event.Records) record.kinesis.approximateArrivalTimestamp = Date.now() / 1000;

      // Act
      await aggregateBatch(event, aLambdaContext());

      // Assert
      expect(new Set(metricValues(output.metrics, 'PageViews').map(({ timestamp }) => timestamp))).toEqual(eventMinutes);
      expect(powertoolsWarnings()).toEqual([]);
    });

    it('counts minutes CloudWatch would refuse instead of publishing them, with one log line and no warning per metric', async () => {
      // Prepare: events of the factories' fixed day, now two years old (a replay from TRIM_HORIZON).
      const event = kinesisEventOf([aPageView({ timestamp: '2026-11-21T10:00:10Z' }), aPageView({ timestamp: '2026-11-21T10:05:10Z' })]);

      // Act
      await aggregateBatch(event, aLambdaContext());

      // Assert
      expect(metricValues(output.metrics, 'PageViews')).toEqual([]);
      expect(powertoolsWarnings()).toEqual([]);
      expect(output.logs.filter((log) => log.message === 'Batch aggregated')).toEqual([
        expect.objectContaining({ minutes: 2, minutesOutsideCloudWatchWindow: 2 }),
      ]);
    });
  });
});

/** Powertools' own plain-text warnings (such as a refused metric timestamp); structured logs are JSON. */
function powertoolsWarnings(): string[] {
  return jest.mocked(console.warn).mock.calls.flat().filter((arg): arg is string => typeof arg === 'string' && !arg.startsWith('{'));
}
