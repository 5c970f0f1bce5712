/**
 * A hot key against uniform users, with KPL aggregation off and on, on one kinesis-local. Without
 * aggregation the producer sends a user's events one call at a time (its order rule), so a user
 * with 90% of the events is sent at round-trip speed; with aggregation that user's backlog travels
 * as one Kinesis record. Each run gets a fresh stream; afterwards the stream is read back and
 * deaggregated, so a rate counts only events that landed, and their per-user order is checked.
 */
import type { KinesisClient, StreamModeDetails } from '@aws-sdk/client-kinesis';
import { ClickstreamProducer } from '../../runtime/clickstream/producer/producer';
import type { AggregationMode } from '../../runtime/clickstream/producer/kinesis-entry';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import { emulatorKinesisClient } from '../../local/emulators/emulator-clients';
import { withDeadline } from '../lib/deadline';
import { printContext, printFigure, ratio } from '../lib/print-figure';
import { perSecond, startStopwatch } from '../lib/stopwatch';
import { ApiCallCounter } from './api-call-counter';
import { makeBenchEvents } from './bench-events';
import { createBenchStream } from './bench-stream';
import { countOrderInversions } from './order-inversions';
import { readStreamUserRecords } from './read-stream-user-records';

/** The shape: one user with 90% of the events. */
const HOT_USER_SHARE = 0.9;
const USERS = 2_500;
/** Aggregation on: the same size as the uniform producer run. */
const EVENTS = 5_000;
/**
 * Aggregation off: a hot user's events go one PutRecords call each (~50-80 calls/s on
 * kinesis-local), so fewer events keep this run near 15 s; the figures are rates.
 */
const EVENTS_WITHOUT_AGGREGATION = 1_000;
const STREAM_MODE: StreamModeDetails = { StreamMode: 'ON_DEMAND' };
/** ~5× the expected run: a stuck producer ends the benchmark instead of hanging it. */
const DEADLINE_MS = 90_000;

/** One measured run. */
interface RunResult {
  readonly recordsPerSecond: number;
  readonly inversions: number;
}

async function measure(endpoint: string, admin: KinesisClient, name: string, events: readonly ClickstreamEvent[], aggregation: AggregationMode): Promise<RunResult> {
  const { streamName } = await createBenchStream(admin, `bench-${name}`, STREAM_MODE);
  const counter = new ApiCallCounter();
  const client = counter.attachTo(emulatorKinesisClient(endpoint));
  try {
    const stopwatch = startStopwatch();
    const result = await withDeadline(
      new ClickstreamProducer({ client, streamName, aggregation }).send(events),
      `${name}: send ${events.length} events`,
      DEADLINE_MS,
    );
    const elapsedMs = stopwatch.elapsedMs();
    const contents = await readStreamUserRecords(admin, streamName);
    const positionByEventId = new Map(events.map((event, index) => [event.eventId, index]));
    const delivered = contents.userRecordsByShard.reduce((sum, shard) => sum + shard.length, 0);
    const inversions = countOrderInversions(contents.userRecordsByShard, (userRecord) => {
      const { eventId } = JSON.parse(Buffer.from(userRecord.data).toString('utf8')) as ClickstreamEvent;
      return positionByEventId.get(eventId) ?? Number.NaN;
    });
    printContext(
      `${name}: aggregation ${aggregation}; ${delivered}/${events.length} events in ${contents.kinesisRecords} Kinesis records, ` +
        `${result.calls} PutRecords calls, ${result.undeliverable.length} undeliverable, ${elapsedMs.toFixed(0)} ms, ${inversions} order inversions`,
    );
    return { recordsPerSecond: perSecond(delivered, elapsedMs), inversions };
  } finally {
    client.destroy();
  }
}

/** Runs the four measurements on the given emulator and prints the hot-key figures. */
export async function runHotKeyComparison(endpoint: string, admin: KinesisClient): Promise<void> {
  const uniform = makeBenchEvents({ count: EVENTS, userCount: USERS });
  const hot = makeBenchEvents({ count: EVENTS, userCount: USERS, hotUserShare: HOT_USER_SHARE });
  printContext(
    `hot key: ${HOT_USER_SHARE * 100}% of the events from one user, the rest round-robin over ${USERS} users; ` +
      `uniform: ${USERS} users round-robin; ${EVENTS} events with aggregation, the first ${EVENTS_WITHOUT_AGGREGATION} without`,
  );
  const results = {
    uniformOff: await measure(endpoint, admin, 'uniform-off', uniform.slice(0, EVENTS_WITHOUT_AGGREGATION), 'off'),
    hotOff: await measure(endpoint, admin, 'hot-key-off', hot.slice(0, EVENTS_WITHOUT_AGGREGATION), 'off'),
    uniformOn: await measure(endpoint, admin, 'uniform-auto', uniform, 'auto'),
    hotOn: await measure(endpoint, admin, 'hot-key-auto', hot, 'auto'),
  };
  printFigure('producer_hot_key_records_per_s', results.hotOn.recordsPerSecond, 1);
  printFigure('producer_uniform_records_per_s', results.uniformOn.recordsPerSecond, 1);
  printFigure('producer_hot_key_vs_uniform', ratio(results.hotOn.recordsPerSecond, results.uniformOn.recordsPerSecond), 2);
  printFigure('hot_key_order_inversions', results.hotOn.inversions + results.hotOff.inversions, 0);
  printFigure('producer_hot_key_records_per_s_aggregation_off', results.hotOff.recordsPerSecond, 1);
  printFigure('producer_uniform_records_per_s_aggregation_off', results.uniformOff.recordsPerSecond, 1);
  printFigure('producer_hot_key_vs_uniform_aggregation_off', ratio(results.hotOff.recordsPerSecond, results.uniformOff.recordsPerSecond), 2);
}
