import { EmfMetricLog } from '../../../../local/target/emf-metric-log';

/** An EMF line as Powertools prints it: the directive under `_aws`, values and dimensions at the root. */
function emfLine(values: Record<string, number | number[]>, dimensions: Record<string, string>, timestamp = 2_000): string {
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [{ Namespace: 'QueueOrStream/EmailWorker', Dimensions: [Object.keys(dimensions)], Metrics: Object.keys(values).map((Name) => ({ Name, Unit: 'Count' })) }],
    },
    ...dimensions,
    ...values,
  });
}

const query = { namespace: 'QueueOrStream/EmailWorker', metricName: 'EmailsSent', dimensions: { service: 'email-worker' }, since: new Date(1_000) };

describe('EmfMetricLog', () => {
  it('sums a metric over the EMF lines printed, array values included', async () => {
    const log = new EmfMetricLog();
    log.onLine(emfLine({ EmailsSent: 2 }, { service: 'email-worker' }));
    log.onLine(emfLine({ EmailsSent: [1, 1, 1], JobDuration: 40 }, { service: 'email-worker' }));
    log.onLine('{"level":"INFO","message":"not a metric"}');

    await expect(log.sum(query)).resolves.toBe(5);
  });

  it('counts only datapoints whose dimension set equals the query, in the window', async () => {
    const log = new EmfMetricLog();
    log.onLine(emfLine({ EmailsSent: 1 }, { service: 'other-service' }));
    log.onLine(emfLine({ EmailsSent: 1 }, { service: 'email-worker', queue: 'q' }));
    log.onLine(emfLine({ EmailsSent: 1 }, { service: 'email-worker' }, 500));

    await expect(log.sum(query)).resolves.toBeNull();
  });

  it('ignores a truncated line, as CloudWatch would', async () => {
    const log = new EmfMetricLog();
    log.onLine(emfLine({ EmailsSent: 1 }, { service: 'email-worker' }).slice(0, 60));

    await expect(log.sum(query)).resolves.toBeNull();
  });
});
