import { clickstreamEventStream, generateClickstreamEvents } from '../../../runtime/clickstream/producer/generate-events';
import { ClickstreamProducer } from '../../../runtime/clickstream/producer/producer';
import { sendInChunks } from '../../../runtime/clickstream/producer/send-in-chunks';
import type { ClickstreamEvent } from '../../../runtime/shared/clickstream-events';
import { deaggregate } from '../../../runtime/shared/kpl/deaggregate';

type KinesisClientLike = ConstructorParameters<typeof ClickstreamProducer>[0]['client'];

/** A Kinesis stand-in that accepts every record at once and remembers the written eventIds per user (deaggregated). */
function acceptingKinesis(): { client: KinesisClientLike; writtenByUser: Map<string, string[]>; written: () => number } {
  const writtenByUser = new Map<string, string[]>();
  let written = 0;
  const client = {
    send: async (command: { input: { Records: { Data: Uint8Array; PartitionKey: string }[] } }) => {
      for (const record of command.input.Records) {
        for (const userRecord of deaggregate({ data: record.Data, partitionKey: record.PartitionKey })) {
          const event = JSON.parse(Buffer.from(userRecord.data).toString('utf8')) as ClickstreamEvent;
          writtenByUser.set(userRecord.partitionKey, [...(writtenByUser.get(userRecord.partitionKey) ?? []), event.eventId]);
          written += 1;
        }
      }
      return { Records: command.input.Records.map(() => ({ SequenceNumber: '1', ShardId: 'shardId-0' })) };
    },
  } as unknown as KinesisClientLike;
  return { client, writtenByUser, written: () => written };
}

/** Counts how many events the stream has yielded so far. */
function* counting<T>(source: Iterable<T>, counter: { pulled: number }): Generator<T> {
  for (const item of source) {
    counter.pulled += 1;
    yield item;
  }
}

describe('clickstreamEventStream', () => {
  it('yields exactly the events generateClickstreamEvents returns', () => {
    const options = { events: 500, users: 40, seed: 9, startTimeMs: 1_000_000 };
    expect(Array.from(clickstreamEventStream(options))).toEqual(generateClickstreamEvents(options));
  });
});

describe('sendInChunks', () => {
  it('holds at most chunkSize × maxChunksInFlight unsettled events, however many it sends (flat memory)', async () => {
    // Prepare: 60,000 events in chunks of 1,000, two in flight
    const total = 60_000;
    const kinesis = acceptingKinesis();
    const producer = new ClickstreamProducer({ client: kinesis.client, streamName: 's', sleep: async () => undefined });
    const counter = { pulled: 0 };
    let mostUnsettled = 0;
    // Act
    const result = await sendInChunks(producer, counting(clickstreamEventStream({ events: total, users: 5_000, seed: 2 }), counter), {
      total,
      chunkSize: 1_000,
      maxChunksInFlight: 2,
      onProgress: (progress) => {
        mostUnsettled = Math.max(mostUnsettled, counter.pulled - progress.sent - progress.undeliverable);
      },
    });
    // Assert: everything sent; the backlog never passed two chunks (plus the one being filled)
    expect(result).toMatchObject({ sent: total, undeliverable: 0, notSent: 0 });
    expect(kinesis.written()).toBe(total);
    expect(mostUnsettled).toBeGreaterThan(0);
    expect(mostUnsettled).toBeLessThanOrEqual(3 * 1_000);
  });

  it('keeps every user’s order across chunk boundaries', async () => {
    // Prepare: few users, so each has events in many chunks
    const events = generateClickstreamEvents({ events: 5_000, users: 7, seed: 4 });
    const kinesis = acceptingKinesis();
    const producer = new ClickstreamProducer({ client: kinesis.client, streamName: 's', sleep: async () => undefined });
    // Act
    await sendInChunks(producer, events, { total: events.length, chunkSize: 300, maxChunksInFlight: 2 });
    // Assert
    const expected = new Map<string, string[]>();
    for (const event of events) expected.set(event.userId, [...(expected.get(event.userId) ?? []), event.eventId]);
    expect(kinesis.writtenByUser).toEqual(expected);
  });

  it('stops pulling events once the producer halted on an error retrying cannot fix', async () => {
    // Prepare
    const client = { send: async () => { throw new Error('Region is missing'); } } as unknown as KinesisClientLike;
    const producer = new ClickstreamProducer({ client, streamName: 's', sleep: async () => undefined });
    const counter = { pulled: 0 };
    // Act
    const result = await sendInChunks(producer, counting(clickstreamEventStream({ events: 1_000_000, users: 100 }), counter), {
      total: 1_000_000,
      chunkSize: 1_000,
    });
    // Assert: at most the chunks already handed over were pulled, the rest were never generated
    expect(counter.pulled).toBeLessThanOrEqual(3_000);
    expect(result.sent).toBe(0);
    expect(result.undeliverable + result.notSent).toBe(1_000_000);
    expect(result.listedUndeliverable[0]?.errorMessage).toBe('Region is missing');
  });
});
