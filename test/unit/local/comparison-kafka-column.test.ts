import { comparisonRows, formatComparisonTable } from '../../../local/comparison/comparison-table';
import { unmetExpectations as unmetOfRun } from '../../../local/comparison/comparison-run';
import type { KafkaColumn } from '../../../local/comparison/kafka-comparison';
import { unmetKafkaExpectations } from '../../../local/kafka/kafka-expectations';
import { kafkaNotes } from '../../../local/kafka/kafka-column-run';
import { comparisonResult, comparisonRun } from '../../factories/comparison-result';
import { kafkaComparison } from '../../factories/kafka-comparison';

function kafkaText(kafka: KafkaColumn, dimension: string): string {
  const run = comparisonRun({ ...comparisonResult(), kafka });
  const row = comparisonRows(run).find((candidate) => candidate.dimension.includes(dimension));
  if (row === undefined) throw new Error(`no row for ${dimension}`);
  return (row.byPattern['kafka'] ?? []).join(' ');
}

describe('comparison table: the Kafka column', () => {
  it('renders the figures of the run in each of the five rows', () => {
    // Prepare
    const kafka = kafkaComparison({ rebalance: { lost: 0, duplicates: 37, producedAfterKill: 750 }, crossPartitionInterleavings: 412, compaction: { keys: 21, recordsAfter: 21 } });

    // Act
    const who = kafkaText(kafka, 'Who gets it');
    const ordering = kafkaText(kafka, 'Ordering');
    const replay = kafkaText(kafka, 'Replay');
    const failure = kafkaText(kafka, 'Failure');
    const scaling = kafkaText(kafka, 'Scaling');

    // Assert
    expect(who).toContain('seen by sessionizer 200, analytics 200, replay 200');
    expect(who).toContain('member-1: 60, member-2: 80, member-3: 70, member-4: 50');
    expect(who).toContain('after the SIGKILL of member-2 (750 records still to produce): lost 0, duplicates 37');
    expect(ordering).toContain('per-key order inversions: 0');
    expect(ordering).toContain('cross-partition interleavings: 412');
    expect(replay).toContain('by timestamp 100/100; same aggregates: yes');
    expect(replay).toContain('compaction: 21 records for 21 keys');
    expect(failure).toContain('6 failed invocations');
    expect(failure).toContain('2/2 on the dead-letter topic');
    expect(failure).toContain('41 records after the poison');
    expect(scaling).toContain('3 partitions, 4 members: 3 busy, 1 idle');
    expect(scaling).toContain('p0: 90, p1: 62, p2: 50');
    expect(scaling).toContain('hot key user-hot: 20.0 % of records, 44.0 % of p0');
  });

  it('says what to install when no broker could be had', () => {
    const kafka = { notRun: 'no Java found on PATH: install Java 17+ and Maven', required: false };

    expect(kafkaText(kafka, 'Who gets it')).toContain('NOT RUN: no Java found on PATH: install Java 17+ and Maven');
    expect(kafkaText(kafka, 'Ordering')).toBe('not run');
  });

  it('keeps every line of the three-column table the same width, headed SQS | Kinesis | Kafka', () => {
    const table = formatComparisonTable(comparisonRun({ ...comparisonResult(), kafka: kafkaComparison() }));

    const lines = table.split('\n');

    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(lines[1]).toMatch(/SQS task queue.*Kinesis stream.*Kafka topic/);
  });
});

describe('Kafka expectations', () => {
  it('hold for a run where every promise was kept', () => {
    expect(unmetKafkaExpectations(kafkaComparison())).toEqual([]);
  });

  it('name each broken promise', () => {
    const kafka = kafkaComparison({
      groups: { sessionizer: { seen: 200 }, analytics: { seen: 190 }, 'replay-earliest': { seen: 200 } },
      rebalance: { lost: 10, duplicates: 0, producedAfterKill: 750 },
      perKeyOrderInversions: 3,
      replayAggregatesEqual: false,
      deadLettered: 1,
      compaction: { keys: 21, recordsAfter: 40 },
      replayFromTimestamp: { seen: 90, expected: 100 },
    });

    const unmet = unmetKafkaExpectations(kafka);

    expect(unmet).toEqual([
      'kafka: group analytics saw 190 of 200 events',
      'kafka: the by-timestamp replay saw 90 of 100 events',
      'kafka: 10 event(s) lost after the SIGKILL (expected 0)',
      'kafka: 3 per-key order inversions (expected 0)',
      'kafka: a replay did not reproduce the aggregates',
      'kafka: 1 of 2 poison records on the dead-letter topic',
      'kafka: compaction left 40 records for 21 keys (expected one per key)',
    ]);
  });

  it('treat a missing broker as a failure only when one was required (CI=true)', () => {
    expect(unmetKafkaExpectations({ notRun: 'no Java', required: false })).toEqual([]);
    expect(unmetKafkaExpectations({ notRun: 'no Java', required: true })).toEqual(['kafka: not run (no Java)']);
    expect(unmetKafkaExpectations(undefined)).toEqual([]);
  });

  it('are part of the whole run\'s expectations', () => {
    const result = { ...comparisonResult(), kafka: kafkaComparison({ rebalance: { lost: 5, duplicates: 0, producedAfterKill: 750 } }) };

    expect(unmetOfRun(comparisonRun(result))).toContain('kafka: 5 event(s) lost after the SIGKILL (expected 0)');
  });
});

describe('Kafka notes', () => {
  it('give the broker start time of the run, or what to install', () => {
    expect(kafkaNotes(kafkaComparison({ brokerStartMs: 6100 }))[0]).toContain('started in 6100 ms');
    expect(kafkaNotes(kafkaComparison({ brokerStartMs: 0 }))[0]).toContain('KAFKA_BOOTSTRAP_SERVERS');
    expect(kafkaNotes({ notRun: 'no Maven found on PATH', required: false })).toEqual(['kafka: not run: no Maven found on PATH']);
  });
});
