import { parseProducerPerformanceSummary } from '../../../bench/kafka/java-producer-performance';

describe('parseProducerPerformanceSummary', () => {
  it('takes the final summary line, not the progress lines before it', () => {
    // Prepare: ProducerPerformance output of Kafka 4.2.2 (progress line, then the summary).
    const output = [
      '106356 records sent, 21237.2 records/sec (2.63 MB/sec), 654.6 ms avg latency, 1862.0 ms max latency.',
      '200000 records sent, 31225.604996 records/sec (3.87 MB/sec), 1029.62 ms avg latency, 2080.00 ms max latency, 1171 ms 50th, 1852 ms 95th, 2043 ms 99th, 2076 ms 99.9th.',
      '',
    ].join('\n');

    // Act
    const summary = parseProducerPerformanceSummary(output);

    // Assert
    expect(summary).toEqual({ records: 200_000, recordsPerSecond: 31225.604996 });
  });

  it('fails when the run printed no summary', () => {
    expect(() => parseProducerPerformanceSummary('Exception in thread "main" org.apache.kafka.common.KafkaException\n')).toThrow('no summary line');
  });
});
