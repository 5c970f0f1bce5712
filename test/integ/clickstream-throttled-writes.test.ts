/**
 * Throttled and partially failed PutRecords calls lose nothing: the real producer writes through the
 * throttling proxy (entries and whole calls answered ProvisionedThroughputExceededException) into
 * kinesis-local, and the stream then holds every event exactly once, in order per user.
 */
import { CreateStreamCommand, waitUntilStreamExists, type KinesisClient } from '@aws-sdk/client-kinesis';
import { generateClickstreamEvents } from '../../runtime/clickstream/producer/generate-events';
import { putClickstreamEvents } from '../../runtime/clickstream/producer/producer';
import { decodeClickstreamRecordData } from '../../runtime/shared/clickstream-record-codec';
import type { RunningEmulator } from '../../local/emulators/child-emulator';
import { startKinesisEmulator } from '../../local/emulators/kinesis-emulator';
import { emulatorKinesisClient } from '../../local/emulators/emulator-clients';
import { readWholeStream, userRecordsOf } from '../../local/clickstream/kinesis-event-source/read-whole-stream';
import { startThrottlingProxy, type ThrottlingProxy } from './helpers/kinesis-throttling-proxy';

const EVENTS = 1_000;
const USERS = 50;
const AGGREGATION_MODES = ['off', 'on'] as const;
const streamFor = (aggregation: string): string => `throttled-${aggregation}`;

describe('clickstream producer under throttling (kinesis-local behind the throttling proxy)', () => {
  let kinesis: RunningEmulator;
  let direct: KinesisClient;
  let proxy: ThrottlingProxy;

  beforeAll(async () => {
    kinesis = await startKinesisEmulator();
    direct = emulatorKinesisClient(kinesis.endpoint);
    for (const aggregation of AGGREGATION_MODES) {
      await direct.send(new CreateStreamCommand({ StreamName: streamFor(aggregation), ShardCount: 4 }));
      await waitUntilStreamExists({ client: direct, maxWaitTime: 30, minDelay: 0.2 }, { StreamName: streamFor(aggregation) });
    }
    // 30 % of entries and 10 % of calls throttled: every retry path runs many times.
    proxy = await startThrottlingProxy({ upstreamEndpoint: kinesis.endpoint, entryThrottleRatio: 0.3, callThrottleRatio: 0.1 });
  });

  afterAll(async () => {
    direct.destroy();
    await proxy.stop();
    await kinesis.stop();
  });

  // 'off' sends one record per user per call (hundreds of calls: whole-call throttles happen);
  // 'on' packs each user's backlog into KPL aggregates (few calls, each entry an aggregate).
  it.each(AGGREGATION_MODES)('aggregation %s: retries only what failed until every event is written once, in order per user', async (aggregation) => {
    // Prepare
    const events = generateClickstreamEvents({ events: EVENTS, users: USERS, seed: 7 });
    const throughProxy = emulatorKinesisClient(proxy.endpoint, { maxAttempts: 1 });
    const before = proxy.stats();

    // Act: short backoff keeps the test quick; attempts stay bounded by the producer's own limit.
    const result = await putClickstreamEvents(events, { client: throughProxy, streamName: streamFor(aggregation), aggregation, baseDelayMs: 5, maxDelayMs: 50, maxAttempts: 30 });
    throughProxy.destroy();
    // Read user records, as consumers do (an aggregate holds several).
    const written = userRecordsOf(await readWholeStream(direct, streamFor(aggregation))).map(({ record }) =>
      decodeClickstreamRecordData(Buffer.from(record.Data ?? new Uint8Array()).toString('base64')),
    );

    // Assert: faults really happened, and nothing was lost, duplicated or reordered.
    const stats = proxy.stats();
    expect(stats.entriesThrottled - before.entriesThrottled).toBeGreaterThan(0);
    if (aggregation === 'off') expect(stats.callsThrottled - before.callsThrottled).toBeGreaterThan(0);
    expect(result.undeliverable).toEqual([]);
    expect(result.sent).toBe(EVENTS);
    expect(written.map((event) => event.eventId).sort()).toEqual(events.map((event) => event.eventId).sort());
    const userIds = new Set(events.map((event) => event.userId));
    expect(userIds.size).toBe(USERS);
    for (const userId of userIds) {
      const producedOrder = events.filter((event) => event.userId === userId).map((event) => event.eventId);
      const writtenOrder = written.filter((event) => event.userId === userId).map((event) => event.eventId);
      expect(writtenOrder).toEqual(producedOrder);
    }
  });
});
