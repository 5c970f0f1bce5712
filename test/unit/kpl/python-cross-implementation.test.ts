/**
 * The KPL format checked against an implementation this project did not write: awslabs'
 * aws-kinesis-agg for Python (PyPI 1.2.3, pinned in requirements-dev.txt, installed by .ci/run into
 * .venv). Our aggregates must deaggregate there, and its aggregates must deaggregate here and
 * through both Lambda consumers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { KinesisStreamEvent } from 'aws-lambda';
import { deaggregate, deaggregateLambdaKinesisRecord, encodeAggregatedRecord } from '../../../runtime/shared/kpl';
import { aPageView } from '../../factories/clickstream-events';
import { capturePowertoolsOutput, metricValues } from '../../factories/clickstream-emf-capture';
import { kinesisRecordOf } from '../../factories/clickstream-kinesis-event';
import { aLambdaContext } from '../../factories/clickstream-lambda-context';
import { InMemorySessionStore } from '../../factories/clickstream-session-store';
import { aClickstreamProcessor } from '../../factories/clickstream-processor';

const ROOT = join(__dirname, '..', '..', '..');
const PYTHON = join(ROOT, '.venv', 'bin', 'python');
const BRIDGE = join(__dirname, 'aws_kinesis_agg_bridge.py');
const INSTALL_HINT = '.venv/bin/pip install -r requirements-dev.txt';

interface PythonUserRecord {
  readonly partitionKey: string;
  readonly sequenceNumber: string;
  readonly subSequenceNumber: number | null;
  readonly aggregated: boolean;
  readonly data: string;
}

interface PythonKinesisRecord {
  readonly partitionKey: string;
  readonly data: string;
}

/** Why the Python side cannot run, or undefined when it can. */
function pythonUnavailable(): string | undefined {
  if (!existsSync(PYTHON)) return `no ${PYTHON}`;
  const probe = spawnSync(PYTHON, ['-c', 'import aws_kinesis_agg.aggregator, aws_kinesis_agg.deaggregator'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : `aws_kinesis_agg does not import: ${probe.stderr.trim().split('\n').pop() ?? ''}`;
}

function runBridge<T>(op: 'aggregate' | 'deaggregate', records: readonly object[]): T {
  const run = spawnSync(PYTHON, [BRIDGE], { input: JSON.stringify({ op, records }), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`aws_kinesis_agg bridge failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

const unavailable = pythonUnavailable();

describe('KPL format against aws-kinesis-agg (Python)', () => {
  if (unavailable !== undefined) {
    // CI installs requirements-dev.txt, so there a missing package is a broken setup, not a skip.
    const check = process.env.CI === 'true' ? it : it.skip;
    check(`needs Python aws-kinesis-agg 1.2.3 (${unavailable}; run ${INSTALL_HINT})`, () => {
      throw new Error(`Python aws-kinesis-agg is required under CI=true: ${unavailable}`);
    });
    return;
  }

  const events = [aPageView({ userId: 'user-7', eventId: 'e1' }), aPageView({ userId: 'user-7', eventId: 'e2' }), aPageView({ userId: 'user-9', eventId: 'e3' })];

  it('decodes the project\'s aggregate into the same user records, in order', () => {
    // Prepare
    const data = encodeAggregatedRecord(events.map((event) => ({ partitionKey: event.userId, data: Buffer.from(JSON.stringify(event)) })));

    // Act
    const decoded = runBridge<PythonUserRecord[]>('deaggregate', [
      { partitionKey: 'user-7', sequenceNumber: '4965', data: Buffer.from(data).toString('base64') },
    ]);

    // Assert
    expect(decoded.map((record) => [record.partitionKey, record.subSequenceNumber, record.aggregated, Buffer.from(record.data, 'base64').toString()])).toEqual(
      events.map((event, index) => [event.userId, index, true, JSON.stringify(event)]),
    );
  });

  it('rejects the project\'s aggregate once a byte is corrupted (it no longer yields the user records)', () => {
    const data = Buffer.from(encodeAggregatedRecord([{ partitionKey: 'user-7', data: Buffer.from(JSON.stringify(events[0])) }]));
    data[10] ^= 0xff;
    const decoded = runBridge<PythonUserRecord[]>('deaggregate', [{ partitionKey: 'user-7', sequenceNumber: '4965', data: data.toString('base64') }]);
    // aws-kinesis-agg hands a record that fails its MD5 check back unchanged, as not aggregated.
    expect(decoded).toEqual([expect.objectContaining({ aggregated: false, data: data.toString('base64') })]);
  });

  it('makes aggregates the project deaggregates to the same user records', () => {
    // Act
    const aggregated = runBridge<PythonKinesisRecord[]>(
      'aggregate',
      events.map((event) => ({ partitionKey: event.userId, data: Buffer.from(JSON.stringify(event)).toString('base64') })),
    );
    const userRecords = aggregated.flatMap((record) => deaggregate({ data: Buffer.from(record.data, 'base64'), partitionKey: record.partitionKey }));

    // Assert
    expect(aggregated).toHaveLength(1);
    expect(userRecords.map((record) => [record.partitionKey, record.subSequenceNumber, Buffer.from(record.data).toString()])).toEqual(
      events.map((event, index) => [event.userId, index, JSON.stringify(event)]),
    );
  });

  it('feeds its aggregates through the Lambda processor: every user record applied once, per user, with sub-sequence watermarks', async () => {
    // Prepare
    const output = capturePowertoolsOutput();
    const store = new InMemorySessionStore();
    const processBatch = aClickstreamProcessor(store);
    const [aggregate] = runBridge<PythonKinesisRecord[]>(
      'aggregate',
      events.map((event) => ({ partitionKey: event.userId, data: Buffer.from(JSON.stringify(event)).toString('base64') })),
    );
    const record = kinesisRecordOf({ data: 'placeholder', partitionKey: aggregate.partitionKey }, 0);
    const event: KinesisStreamEvent = { Records: [{ ...record, kinesis: { ...record.kinesis, data: aggregate.data } }] };

    try {
      // Act
      const first = await processBatch(event, aLambdaContext());
      const again = await processBatch(event, aLambdaContext());

      // Assert
      expect([first.batchItemFailures, again.batchItemFailures]).toEqual([[], []]);
      expect(deaggregateLambdaKinesisRecord(event.Records[0].kinesis)).toHaveLength(3);
      expect(store.items.get('user-7')?.pageCount).toBe(2);
      expect(store.items.get('user-7')?.lastSequenceNumber).toMatch(/\.0000000001$/);
      expect(store.items.get('user-9')?.pageCount).toBe(1);
      expect(metricValues(output.metrics, 'EventsProcessed').map((metric) => metric.value)).toEqual([3, 0]);
      expect(metricValues(output.metrics, 'RedeliveredEventsSkipped').map((metric) => metric.value)).toEqual([0, 3]);
    } finally {
      output.restore();
    }
  });
});
