/**
 * The Firehose archive, run locally from ClickstreamStack's own delivery settings: the real producer
 * writes to kinesis-local, the local delivery runner writes GZIP, newline-delimited objects into the
 * bucket provisioned on fauxqs's S3, and the test reads the bucket back.
 *
 * "Cannot be delivered", locally: a record the delivery stream's processing rejects. The stack's
 * only processor (AppendDelimiterToRecord) never fails, so the run injects a processing failure for
 * records that are not JSON (as a transformation Lambda rejecting malformed input would), and one
 * lost PutObject answer (the write went through, the retry writes it again: Firehose's documented
 * source of duplicates).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { ARCHIVE_DATA_PREFIX, ARCHIVE_ERROR_PREFIX } from '../../lib/clickstream/clickstream-archive';
import { generateClickstreamEvents } from '../../runtime/clickstream/producer/generate-events';
import { putClickstreamEvents } from '../../runtime/clickstream/producer/producer';
import { createArchiveDeliveryRunner, type ArchiveDeliveryRunner } from '../../local/clickstream/archive/archive-delivery-runner';
import { readArchivedObjects, staticPartOfPrefix, type ArchivedObject } from '../../local/clickstream/archive/read-archive';
import { ConsumerObserver, type ConsumerObservation } from '../../local/clickstream/consumer-observer';
import { startClickstreamEnvironment, type ClickstreamEnvironment } from '../../local/clickstream/clickstream-environment';

const EVENTS = 1_200;
const USERS = 40;
const POISON = ['not json 1', '{"truncated":', 'not json 3'];
/** 32 KiB instead of the stack's 128 MiB, so size-triggered deliveries happen in a small run. */
const SMALL_BUFFER_BYTES = 32 * 1024;

function isJson(data: Buffer): boolean {
  try {
    JSON.parse(data.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

describe('Firehose archive, run locally from the stack settings (kinesis-local, fauxqs S3)', () => {
  let environment: ClickstreamEnvironment;
  let runner: ArchiveDeliveryRunner;
  let data: ArchivedObject[];
  let errors: ArchivedObject[];
  let observation: ConsumerObservation;
  let startedAt: Date;

  beforeAll(async () => {
    environment = await startClickstreamEnvironment();
    runner = createArchiveDeliveryRunner({
      kinesis: environment.kinesis,
      s3: environment.s3,
      streamName: environment.streamName,
      settings: environment.archive,
      bufferingSizeBytes: SMALL_BUFFER_BYTES,
      putRetryDelayMs: 50,
      faults: { failProcessing: (bytes) => (isJson(bytes) ? undefined : 'record is not JSON'), lostPutObjectResponses: 1 },
    });
    await runner.start();
    startedAt = new Date();
    const produced = await putClickstreamEvents(generateClickstreamEvents({ events: EVENTS, users: USERS }), {
      client: environment.kinesis,
      streamName: environment.streamName,
    });
    expect(produced.sent).toBe(EVENTS);
    await environment.kinesis.send(
      new PutRecordsCommand({ StreamName: environment.streamName, Records: POISON.map((text, index) => ({ Data: Buffer.from(text), PartitionKey: `poison-${index}` })) }),
    );
    await runner.flushWhenCaughtUp({ timeoutMs: 120_000 });
    await runner.stop();
    data = await readArchivedObjects(environment.s3, environment.archive.bucketName, staticPartOfPrefix(environment.archive.prefix));
    errors = await readArchivedObjects(environment.s3, environment.archive.bucketName, staticPartOfPrefix(environment.archive.errorOutputPrefix));
    const observer = new ConsumerObserver(() => 0);
    for (const object of data) object.records.forEach((record) => observer.observeArchivedRecord(record));
    observation = observer.observation();
  }, 400_000);

  afterAll(async () => {
    await runner?.stop();
    await environment?.stop();
  });

  it('reads its settings from the synthesized DeliveryStream, not from a copy', () => {
    expect(environment.archive).toMatchObject({
      bufferingIntervalSeconds: 300,
      bufferingSizeBytes: 128 * 1024 * 1024,
      compression: 'GZIP',
      prefix: ARCHIVE_DATA_PREFIX,
      errorOutputPrefix: ARCHIVE_ERROR_PREFIX,
      processors: ['AppendDelimiterToRecord'],
      sourceStreamArn: environment.streamArn,
    });
  });

  it('archives every produced record, and counts the duplicates of the retried write', () => {
    expect(observation.uniqueEventsSeen).toBe(EVENTS);
    expect(runner.stats().putObjectRetries).toBe(1);
    // The lost answer was the first data object's: exactly its records are in the bucket twice.
    const duplicated = data.filter((object) => data.some((other) => other !== object && other.records.join('\n') === object.records.join('\n')));
    expect(duplicated).toHaveLength(2);
    expect(observation.redeliveries).toBe(duplicated[0]?.records.length);
    expect(observation.invalidRecordsSeen).toBe(0);
  });

  it('writes GZIP objects of newline-delimited records under the hourly data prefix', () => {
    const hour = `${startedAt.getUTCFullYear()}/${String(startedAt.getUTCMonth() + 1).padStart(2, '0')}/${String(startedAt.getUTCDate()).padStart(2, '0')}/`;
    expect(data.length).toBeGreaterThan(2);
    for (const object of data) {
      expect(object.key).toMatch(/^clickstream\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/[\w-]+-1-\d{4}(-\d{2}){5}-[0-9a-f-]{36}\.gz$/);
      expect(object.key.startsWith(`clickstream/${hour}`)).toBe(true);
      expect(object.gzip).toBe(true);
      expect(object.newlineTerminated).toBe(true);
      for (const record of object.records) expect(() => JSON.parse(record) as unknown).not.toThrow();
    }
  });

  it('delivers when the buffer reaches its size hint: every size-triggered object holds at least that much', () => {
    const sizes = data.map((object) => Buffer.byteLength(`${object.records.join('\n')}\n`));
    // The last object is what stop() delivered; the rest were triggered by size.
    for (const size of sizes.slice(0, -1)) expect(size).toBeGreaterThanOrEqual(SMALL_BUFFER_BYTES);
  });

  it('puts a record that cannot be delivered under the error prefix, in Firehose error-record format', () => {
    expect(errors.length).toBeGreaterThan(0);
    for (const object of errors) expect(object.key).toMatch(/^errors\/processing-failed\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/.+\.gz$/);
    const entries = errors.flatMap((object) => object.records.map((record) => JSON.parse(record) as { rawData: string; errorCode: string; errorMessage: string }));
    expect(entries.map((entry) => Buffer.from(entry.rawData, 'base64').toString('utf8')).sort()).toEqual([...POISON].sort());
    for (const entry of entries) expect(entry).toMatchObject({ errorCode: 'Local.ProcessingFailed', errorMessage: 'record is not JSON' });
    expect(runner.stats().recordsFailedProcessing).toBe(POISON.length);
  });

  it('delivers a buffer smaller than the size hint once the interval has passed, without a stop', async () => {
    const before = new Set(data.map((object) => object.key));
    const intervalRunner = createArchiveDeliveryRunner({
      kinesis: environment.kinesis,
      s3: environment.s3,
      streamName: environment.streamName,
      settings: environment.archive,
      bufferingIntervalSeconds: 1,
    });
    try {
      await intervalRunner.start();
      await putClickstreamEvents(generateClickstreamEvents({ events: 20, users: 3 }), { client: environment.kinesis, streamName: environment.streamName });
      let records: string[] = [];
      // A ceiling, not a timing assertion: the objects must appear while the runner is still running.
      for (let attempt = 0; attempt < 60 && records.length < 20; attempt += 1) {
        await sleep(500);
        const objects = await readArchivedObjects(environment.s3, environment.archive.bucketName, staticPartOfPrefix(environment.archive.prefix));
        records = objects.filter((object) => !before.has(object.key)).flatMap((object) => object.records);
      }
      expect(records).toHaveLength(20);
      expect(intervalRunner.stats().dataObjects).toBeGreaterThan(0);
    } finally {
      await intervalRunner.stop();
    }
  }, 60_000);
});
