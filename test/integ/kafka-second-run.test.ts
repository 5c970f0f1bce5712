/**
 * KAFKA_BOOTSTRAP_SERVERS points a run at an existing broker, which keeps the topics, records and
 * committed offsets of the runs before it. Two Kafka comparison runs against one broker (started by
 * this file) must each count only their own records: every topic and group carries a run id.
 */
import { embeddedKafkaTarget } from '../../local/kafka/embedded-kafka-target';
import { runKafkaPattern } from '../../local/kafka/kafka-pattern-run';
import type { KafkaComparison } from '../../local/comparison/kafka-comparison';
import { KAFKA_ENV } from '../../runtime/kafka/kafka-names';
import { describeWithKafka } from '../factories/kafka-broker-suite';

const EVENTS = 300;

describeWithKafka('Kafka comparison: a second run against the same existing broker', (broker) => {
  it('counts only its own records, groups and offsets', async () => {
    // Prepare
    const env = { ...process.env, [KAFKA_ENV.bootstrapServers]: broker().bootstrapServers.join(',') };
    const lines: string[] = [];
    const run = (): Promise<KafkaComparison> => runKafkaPattern(embeddedKafkaTarget({ env }), { events: EVENTS, users: 20, partitions: 2, members: 2, log: (line) => lines.push(line) });

    // Act
    const first = await run();
    const second = await run();

    // Assert
    const suffixes = lines.filter((line) => line.includes('topics and groups end in'));
    expect(new Set(suffixes).size).toBe(2);
    for (const outcome of [first, second]) {
      expect(outcome.brokerStartMs).toBe(0);
      expect(outcome.topic).toMatchObject({ partitions: 2, partitionsSource: 'flag' });
      expect(outcome.groups).toEqual({ sessionizer: { seen: EVENTS }, analytics: { seen: EVENTS }, 'replay-earliest': { seen: EVENTS } });
      expect(outcome.replayFromTimestamp.seen).toBe(outcome.replayFromTimestamp.expected);
      expect(outcome.rebalance?.lost).toBe(0);
      expect(outcome.deadLettered).toBe(2);
      expect(outcome.compaction?.recordsAfter).toBe(outcome.compaction?.keys);
    }
  }, 240_000);
});
