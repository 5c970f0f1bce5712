/**
 * Our producer against the tutorial's PutRecord loop, on one kinesis-local: each contender gets a
 * fresh stream (same capacity mode, so the same shard count), its own counted client, and events
 * from the same deterministic generator. The clock covers sending only; afterwards each stream is
 * read back so a rate only counts records that really landed.
 */
import { PutRecordsCommand, type KinesisClient, type StreamModeDetails } from '@aws-sdk/client-kinesis';
import { ClickstreamProducer } from '../../runtime/clickstream/producer/producer';
import { emulatorKinesisClient } from '../../local/emulators/emulator-clients';
import { startKinesisEmulator } from '../../local/emulators/kinesis-emulator';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import { encodeClickstreamEvent } from '../../runtime/shared/clickstream-record-codec';
import { withDeadline } from '../lib/deadline';
import { printContext, printFigure, ratio } from '../lib/print-figure';
import { startCpuSample } from '../lib/process-cpu';
import { perSecond, startStopwatch } from '../lib/stopwatch';
import { ApiCallCounter, type ApiCallTally } from './api-call-counter';
import { makeBenchEvents } from './bench-events';
import { createBenchStream } from './bench-stream';
import { countStreamRecords } from './count-stream-records';
import { runHotKeyComparison } from './hot-key-comparison';
import { putRecordLoop, type BenchRecord } from './naive-put-record-loop';
import { KINESIS_LIMITS } from '../../runtime/shared/aws-limits';

/**
 * Sizes: kinesis-local takes ~80 PutRecord calls/s and ~1,000 records/s in 500-record PutRecords,
 * so the naive loop gets fewer events (~5 s) than the producer (~5 s); the figures are rates.
 */
const NAIVE_EVENTS = 400;
const PRODUCER_EVENTS = 5_000;
/**
 * The producer keeps at most one record per user in flight (to keep each user's order), so a full
 * 500-record PutRecords needs ≥ 500 distinct users waiting; 2,500 users give every batch 500.
 */
const USERS = 2_500;
/** The stack's default mode; kinesis-local gives an on-demand stream 4 shards. */
const STREAM_MODE: StreamModeDetails = { StreamMode: 'ON_DEMAND' };
/** Hard bounds: ~10× the expected run, so a stuck contender ends the benchmark instead of hanging it. */
const NAIVE_DEADLINE_MS = 60_000;
const PRODUCER_DEADLINE_MS = 60_000;
/** Warm-up, so neither contender pays for the emulator's JIT warm-up: a few calls of each kind. */
const WARM_UP_PUT_RECORDS = 40;
const WARM_UP_BATCHES = 2;

/** What one contender did. */
interface ContenderResult {
  readonly recordsPerSecond: number;
  readonly delivered: number;
  readonly calls: ApiCallTally;
}

/** The naive loop sends the same bytes as our producer: the shared codec, keyed by user. */
function toBenchRecord(event: ClickstreamEvent): BenchRecord {
  return { partitionKey: event.userId, data: encodeClickstreamEvent(event) };
}

async function warmUp(admin: KinesisClient, records: readonly BenchRecord[]): Promise<void> {
  const { streamName } = await createBenchStream(admin, 'bench-warm-up', STREAM_MODE);
  await putRecordLoop(admin, streamName, records.slice(0, WARM_UP_PUT_RECORDS));
  for (let batch = 0; batch < WARM_UP_BATCHES; batch += 1) {
    const entries = records.slice(0, KINESIS_LIMITS.maxRecordsPerPutRecords);
    await admin.send(
      new PutRecordsCommand({
        StreamName: streamName,
        Records: entries.map((record) => ({ PartitionKey: record.partitionKey, Data: record.data })),
      }),
    );
  }
}

async function runContender(
  name: string,
  endpoint: string,
  admin: KinesisClient,
  expected: number,
  deadlineMs: number,
  send: (client: KinesisClient, streamName: string) => Promise<void>,
): Promise<ContenderResult> {
  const { streamName, openShardCount } = await createBenchStream(admin, `bench-${name}`, STREAM_MODE);
  const counter = new ApiCallCounter();
  const client = counter.attachTo(emulatorKinesisClient(endpoint));
  try {
    const stopCpuSample = startCpuSample();
    const stopwatch = startStopwatch();
    await withDeadline(send(client, streamName), `${name}: send ${expected} events`, deadlineMs);
    const elapsedMs = stopwatch.elapsedMs();
    const cpu = stopCpuSample();
    const delivered = await countStreamRecords(admin, streamName);
    const calls = counter.tally();
    const byName = Object.entries(calls.commandsByName).map(([command, count]) => `${command}=${count}`);
    printContext(
      `${name}: ${delivered}/${expected} records on the stream (${openShardCount} shards) in ${elapsedMs.toFixed(0)} ms; ` +
        `${calls.httpRequests} HTTP requests (${byName.join(' ')}); CPU: bench ${cpu.ownCores.toFixed(2)} cores, ` +
        `emulator ${cpu.childrenCores === undefined ? 'n/a' : cpu.childrenCores.toFixed(2)} cores`,
    );
    return { recordsPerSecond: perSecond(delivered, elapsedMs), delivered, calls };
  } finally {
    client.destroy();
  }
}

/** Runs both contenders on one emulator and prints the producer figures. */
export async function runProducerComparison(): Promise<void> {
  const events = makeBenchEvents({ count: PRODUCER_EVENTS, userCount: USERS });
  const naiveRecords = events.slice(0, NAIVE_EVENTS).map(toBenchRecord);
  printContext(
    `producer: ${PRODUCER_EVENTS} events, naive: first ${NAIVE_EVENTS} of them; ${USERS} users round-robin; ` +
      `${STREAM_MODE.StreamMode} stream per contender on kinesis-local; emulator warmed up first`,
  );

  const emulator = await startKinesisEmulator();
  const admin = emulatorKinesisClient(emulator.endpoint);
  try {
    await warmUp(admin, naiveRecords);
    const naive = await runContender('naive', emulator.endpoint, admin, NAIVE_EVENTS, NAIVE_DEADLINE_MS, async (client, stream) => {
      await putRecordLoop(client, stream, naiveRecords);
    });
    const producer = await runContender('producer', emulator.endpoint, admin, PRODUCER_EVENTS, PRODUCER_DEADLINE_MS, async (client, stream) => {
      // Its defaults, as the CLI uses it.
      const result = await new ClickstreamProducer({ client, streamName: stream }).send(events);
      printContext(`producer reports: ${result.sent} sent, ${result.undeliverable.length} undeliverable, ${result.calls} PutRecords calls`);
    });
    printFigure('producer_records_per_s', producer.recordsPerSecond, 1);
    printFigure('naive_records_per_s', naive.recordsPerSecond, 1);
    printFigure('producer_vs_naive', ratio(producer.recordsPerSecond, naive.recordsPerSecond), 2);
    printFigure('producer_calls_per_record', ratio(producer.calls.httpRequests, producer.delivered), 4);
    await runHotKeyComparison(emulator.endpoint, admin);
  } finally {
    admin.destroy();
    await emulator.stop();
  }
}
