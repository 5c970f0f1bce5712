/**
 * Producer throughput with acks=all: the project's pipelined, idempotent producer (produceClickstream,
 * 500 records per request) against the naive loop that sends one record at a time and awaits each.
 */
import { Producer, ProduceAcks, stringSerializers } from '@platformatic/kafka';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import { produceClickstream } from '../../runtime/kafka/producer/produce-clickstream';
import { perSecond, startStopwatch } from '../lib/stopwatch';

/** Records per second of the batched producer. */
export async function batchedRecordsPerSecond(bootstrapServers: readonly string[], topic: string, events: readonly ClickstreamEvent[]): Promise<number> {
  const stopwatch = startStopwatch();
  const sent = await produceClickstream({ bootstrapServers, topic, records: events });
  return perSecond(sent, stopwatch.elapsedMs());
}

/** Records per second of one awaited `send` per record (the tutorial loop). */
export async function naiveRecordsPerSecond(bootstrapServers: readonly string[], topic: string, events: readonly ClickstreamEvent[]): Promise<number> {
  const producer = new Producer({
    clientId: 'bench-naive-producer',
    bootstrapBrokers: [...bootstrapServers],
    serializers: stringSerializers,
    acks: ProduceAcks.ALL,
  });
  try {
    // Connect and fetch metadata before the clock starts, as the batched producer's first request does too.
    await producer.send({ messages: [{ topic, key: 'warm-up', value: '{}' }] });
    const stopwatch = startStopwatch();
    for (const event of events) {
      await producer.send({ messages: [{ topic, key: event.userId, value: JSON.stringify(event) }] });
    }
    return perSecond(events.length, stopwatch.elapsedMs());
  } finally {
    await producer.close();
  }
}
