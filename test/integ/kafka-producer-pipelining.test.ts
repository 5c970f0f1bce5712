/**
 * The pipelined producer on the real local broker: 20,000 records over 6 partitions with several
 * requests in flight must come back complete, each once, and in each user's order, written as one
 * idempotent producer (the broker tracks its id and sequence on every partition).
 */
import { createClickstreamTopics } from '../../local/kafka/kafka-topics';
import { produceClickstream } from '../../runtime/kafka/producer/produce-clickstream';
import { readWholeTopic } from '../../local/kafka/read-topic';
import { generateClickstreamEvents } from '../../runtime/clickstream/producer/generate-events';
import { describeWithKafka } from '../factories/kafka-broker-suite';
import { describePartitionProducers } from '../factories/kafka-partition-producers';

const EVENTS = 20_000;
const PARTITIONS = 6;

describeWithKafka('Kafka producer: pipelined requests keep every key in order', (broker) => {
  it('writes every record once, with 0 per-key order inversions, as one idempotent producer', async () => {
    // Prepare
    const servers = broker().bootstrapServers;
    const topics = await createClickstreamTopics({ bootstrapServers: servers, partitions: PARTITIONS, suffix: `-pipelining-${Date.now()}` });
    const events = generateClickstreamEvents({ events: EVENTS, users: 300, seed: 7 });
    const sentAt = new Map(events.map((event, index) => [event.eventId, index]));
    const acknowledged: number[] = [];

    // Act: small requests, so every partition has many and the pipeline is kept full.
    const sent = await produceClickstream({ bootstrapServers: servers, topic: topics.clickstream, records: events, batchSize: 200, maxInFlight: 5, onBatchSent: (count) => acknowledged.push(count) });
    const records = await readWholeTopic({ bootstrapServers: servers, topic: topics.clickstream });
    const producers = await describePartitionProducers(servers[0] ?? '', topics.clickstream, PARTITIONS);

    // Assert
    expect(sent).toBe(EVENTS);
    expect(acknowledged.at(-1)).toBe(EVENTS);
    const eventIds = records.map((record) => (JSON.parse(record.value) as { eventId: string }).eventId);
    expect(records).toHaveLength(EVENTS);
    expect(new Set(eventIds).size).toBe(EVENTS);
    expect(eventIds.every((eventId) => sentAt.has(eventId))).toBe(true);
    const lastIndexOfKey = new Map<string, number>();
    let inversions = 0;
    records.forEach((record, position) => {
      const index = sentAt.get(eventIds[position] ?? '') ?? -1;
      if (index < (lastIndexOfKey.get(record.key) ?? -1)) inversions += 1;
      lastIndexOfKey.set(record.key, index);
    });
    expect(inversions).toBe(0);
    expect(new Set(records.map((record) => record.partition)).size).toBe(PARTITIONS);
    // Idempotent: one producer id on every partition, its last sequence the partition's last record.
    expect(producers).toHaveLength(PARTITIONS);
    const producerIds = new Set(producers.flatMap((entry) => entry.producers.map((producer) => producer.producerId)));
    expect(producerIds.size).toBe(1);
    for (const entry of producers) {
      const written = records.filter((record) => record.partition === entry.partition).length;
      expect(entry.producers.map((producer) => producer.lastSequence)).toEqual([written - 1]);
    }
  }, 120_000);
});
