/**
 * The throttling proxy against the real kinesis-local: throttled entries are answered in place and
 * never written; whole-call throttles write nothing; everything else reaches the stream.
 */
import { CreateStreamCommand, PutRecordsCommand, waitUntilStreamExists, type KinesisClient } from '@aws-sdk/client-kinesis';
import { startKinesisEmulator } from '../../local/emulators/kinesis-emulator';
import type { RunningEmulator } from '../../local/emulators/child-emulator';
import { emulatorKinesisClient } from '../../local/emulators/emulator-clients';
import { readWholeStream } from '../../local/clickstream/kinesis-event-source/read-whole-stream';
import { InvalidThrottlingOptionError, startThrottlingProxy, type ThrottlingProxy } from './helpers/kinesis-throttling-proxy';

/** Entry factory: payload names its position so the read-back can be matched exactly. */
function entries(prefix: string, count: number): { Data: Uint8Array; PartitionKey: string }[] {
  return Array.from({ length: count }, (_unused, index) => ({
    Data: Buffer.from(`${prefix}-${index}`),
    PartitionKey: `user-${index % 7}`,
  }));
}

/** A repeating pattern instead of randomness: every third draw (0, 3, 6, ...) is a fault. */
function everyThird(): () => number {
  let draw = 0;
  return () => (draw++ % 3 === 0 ? 0 : 0.99);
}

describe('throttling proxy in front of kinesis-local', () => {
  let kinesis: RunningEmulator;
  let direct: KinesisClient;
  let proxy: ThrottlingProxy | undefined;

  beforeAll(async () => {
    kinesis = await startKinesisEmulator();
    direct = emulatorKinesisClient(kinesis.endpoint);
  });

  afterEach(async () => {
    await proxy?.stop();
    proxy = undefined;
  });

  afterAll(async () => {
    direct.destroy();
    await kinesis.stop();
  });

  async function createStream(name: string): Promise<void> {
    await direct.send(new CreateStreamCommand({ StreamName: name, ShardCount: 2 }));
    await waitUntilStreamExists({ client: direct, maxWaitTime: 30, minDelay: 0.2 }, { StreamName: name });
  }

  it('answers throttled entries in place with ProvisionedThroughputExceededException and never writes them', async () => {
    // Prepare
    await createStream('entries');
    proxy = await startThrottlingProxy({ upstreamEndpoint: kinesis.endpoint, entryThrottleRatio: 0.5, random: everyThird() });
    const throughProxy = emulatorKinesisClient(proxy.endpoint, { maxAttempts: 1 });

    // Act
    const result = await throughProxy.send(new PutRecordsCommand({ StreamName: 'entries', Records: entries('e', 9) }));
    const written = await readWholeStream(direct, 'entries');
    throughProxy.destroy();

    // Assert
    const outcome = (result.Records ?? []).map((entry) => entry.ErrorCode ?? 'ok');
    expect(outcome).toEqual([
      'ProvisionedThroughputExceededException', 'ok', 'ok',
      'ProvisionedThroughputExceededException', 'ok', 'ok',
      'ProvisionedThroughputExceededException', 'ok', 'ok',
    ]);
    expect(result.FailedRecordCount).toBe(3);
    const writtenPayloads = written.map(({ record }) => Buffer.from(record.Data ?? new Uint8Array()).toString()).sort();
    expect(writtenPayloads).toEqual(['e-1', 'e-2', 'e-4', 'e-5', 'e-7', 'e-8']);
    expect(proxy.stats()).toEqual({ putRecordsCalls: 1, callsThrottled: 0, entriesForwarded: 6, entriesThrottled: 3 });
  });

  it('fails a whole call with HTTP 400 ProvisionedThroughputExceededException and writes nothing', async () => {
    await createStream('calls');
    proxy = await startThrottlingProxy({ upstreamEndpoint: kinesis.endpoint, entryThrottleRatio: 0, callThrottleRatio: 1 });
    const throughProxy = emulatorKinesisClient(proxy.endpoint, { maxAttempts: 1 });

    const call = throughProxy.send(new PutRecordsCommand({ StreamName: 'calls', Records: entries('c', 5) }));

    await expect(call).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException', $metadata: { httpStatusCode: 400 } });
    expect(await readWholeStream(direct, 'calls')).toHaveLength(0);
    throughProxy.destroy();
  });

  it('stops injecting once its fault budget is spent, so every later call passes', async () => {
    await createStream('budget');
    proxy = await startThrottlingProxy({ upstreamEndpoint: kinesis.endpoint, entryThrottleRatio: 1, maxInjectedFaults: 4 });
    const throughProxy = emulatorKinesisClient(proxy.endpoint, { maxAttempts: 1 });

    const first = await throughProxy.send(new PutRecordsCommand({ StreamName: 'budget', Records: entries('b', 6) }));
    const second = await throughProxy.send(new PutRecordsCommand({ StreamName: 'budget', Records: entries('b2', 6) }));
    throughProxy.destroy();

    expect(first.FailedRecordCount).toBe(4);
    expect(second.FailedRecordCount).toBe(0);
    expect(await readWholeStream(direct, 'budget')).toHaveLength(2 + 6);
  });

  it('passes other calls through untouched', async () => {
    await createStream('passthrough');
    proxy = await startThrottlingProxy({ upstreamEndpoint: kinesis.endpoint, entryThrottleRatio: 1 });
    const throughProxy = emulatorKinesisClient(proxy.endpoint, { maxAttempts: 1 });

    const shards = await readWholeStream(throughProxy, 'passthrough');
    throughProxy.destroy();

    expect(shards).toEqual([]);
    expect(proxy.stats().putRecordsCalls).toBe(0);
  });

  it.each([-0.1, 1.5, Number.NaN])('rejects a throttle ratio of %p with a named error', async (ratio) => {
    await expect(startThrottlingProxy({ upstreamEndpoint: kinesis.endpoint, entryThrottleRatio: ratio })).rejects.toBeInstanceOf(
      InvalidThrottlingOptionError,
    );
  });
});
