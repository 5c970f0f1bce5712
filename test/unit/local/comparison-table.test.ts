import { comparisonRows, formatComparisonTable } from '../../../local/comparison/comparison-table';
import type { ComparisonResult } from '../../../local/comparison/comparison-result';
import { clickstreamComparison, comparisonResult, comparisonRun } from '../../factories/comparison-result';

function rowText(result: ComparisonResult, dimension: string): { sqs: string; kinesis: string } {
  const row = comparisonRows(comparisonRun(result)).find((candidate) => candidate.dimension.includes(dimension));
  if (row === undefined) throw new Error(`no row for ${dimension}`);
  return { sqs: (row.byPattern['email'] ?? []).join(' '), kinesis: (row.byPattern['clickstream'] ?? []).join(' ') };
}

describe('comparison table', () => {
  it('has one row per dimension of the comparison', () => {
    // Prepare
    const result = comparisonResult();

    // Act
    const dimensions = comparisonRows(comparisonRun(result)).map((row) => row.dimension);

    // Assert
    expect(dimensions).toEqual(['1. Who gets it', '2. Ordering', '3. Replay', '4. Failure', '5. Scaling unit']);
  });

  it('renders the figures of the result it is given, not fixed text', () => {
    const result = comparisonResult({
      email: { perWorker: { 'worker-1': 31, 'worker-2': 29 }, duplicates: 0, orderInversions: 17, receivableAfterRun: 0 },
      clickstream: { crossShardInterleavings: 412 },
    });

    expect(rowText(result, 'Who gets it').sqs).toContain('worker-1: 31, worker-2: 29');
    expect(rowText(result, 'Ordering').sqs).toContain('out of enqueue order: 17');
    expect(rowText(result, 'Ordering').kinesis).toContain('cross-shard interleavings: 412');
    expect(rowText(result, 'Replay').sqs).toContain('receivable after the run: 0');
  });

  it('shows the failure path of each side with its counts', () => {
    const result = comparisonResult({
      email: { malformed: 5, malformedDeadLettered: 5, redeliveries: 4, highestReceiveCount: 3, redrivenAfterMaxReceives: 2 },
      clickstream: { poison: { written: 2, atOnFailureDestination: 2 }, recordsAfterPoisonOnItsShard: 61 },
    });

    const { sqs, kinesis } = rowText(result, 'Failure');

    expect(sqs).toContain('malformed: 5/5 to the DLQ');
    expect(sqs).toContain('4 redeliveries');
    expect(sqs).toContain('2 redriven to the DLQ');
    expect(kinesis).toContain('2/2 at the on-failure destination');
    expect(kinesis).toContain('61 records after the poison');
  });

  it('names shards briefly and shows the hot key share of its shard', () => {
    const result = comparisonResult();

    const { sqs, kinesis } = rowText(result, 'Scaling');

    expect(sqs).toContain('1 at start, 2 at peak');
    expect(kinesis).toContain('shard 0: 40, shard 1: 90, shard 2: 30, shard 3: 40');
    expect(kinesis).toContain('hot key user-007: 20.0 % of records, 44.0 % of shard 1');
  });

  it('prints n/a for a figure the target could not observe', () => {
    const result = comparisonResult({
      email: { orderInversions: null, workers: null },
      clickstream: clickstreamComparison({ perShard: null, hotKey: null, replayAggregatesEqual: null }),
    });

    expect(rowText(result, 'Ordering').sqs).toContain('out of enqueue order: n/a');
    expect(rowText(result, 'Scaling').sqs).toContain('workers: n/a');
    expect(rowText(result, 'Scaling').kinesis).toContain('per shard: n/a');
    expect(rowText(result, 'Replay').kinesis).toContain('same aggregates: n/a');
  });

  it('keeps every line of the text table the same width', () => {
    const table = formatComparisonTable(comparisonRun());

    const widths = new Set(table.split('\n').map((line) => line.length));

    expect(widths.size).toBe(1);
    expect(table).toContain('target: embedded');
  });
});
