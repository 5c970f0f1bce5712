/**
 * The generated clickstream both clickstream patterns send (Kinesis and Kafka): the same events,
 * the same users and the same hot user, so their columns' figures compare one to one.
 */
import { generateClickstreamEvents } from '../../runtime/clickstream/producer/generate-events';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import { encodeClickstreamEvent } from '../../runtime/shared/clickstream-record-codec';
import { withHotUser } from '../clickstream/hot-user';
import { meanBytes } from './observed-workload';

/** One user sends every 5th event (20 %): a hot partition key, on a shard and on a partition alike. */
export const HOT_USER_SHARE = 0.2;
/** The generator's seed: one seed, so both clickstream patterns get the same event ids and users. */
export const CLICKSTREAM_TRAFFIC_SEED = 1;
/**
 * Event time of the first event: an hour before this process loaded the module. Recent, because the
 * handlers' EMF metrics carry event times and CloudWatch skips (and Powertools warns about) any more
 * than 14 days old; fixed for the process, so every pattern of one run gets the very same events.
 */
const TRAFFIC_START_MS = Date.now() - 60 * 60 * 1000;

/** The size of the traffic. */
export interface ClickstreamTrafficSize {
  /** Valid events. */
  readonly events: number;
  /** Users (partition keys); the first event's user is the hot one. */
  readonly users: number;
  /** Share of events given to the hot user, 0 < share < 1. @default HOT_USER_SHARE */
  readonly hotUserShare?: number;
  /** Event time of the first event (epoch ms). @default an hour before this process started */
  readonly startTimeMs?: number;
}

/** The events in production order, and the hot user. */
export interface ClickstreamTraffic {
  readonly events: ClickstreamEvent[];
  readonly hotUserId: string | undefined;
}

/** The clickstream of a run; deterministic, so every pattern that asks gets the same one. */
export function clickstreamTraffic(size: ClickstreamTrafficSize): ClickstreamTraffic {
  const generated = generateClickstreamEvents({ events: size.events, users: size.users, seed: CLICKSTREAM_TRAFFIC_SEED, startTimeMs: size.startTimeMs ?? TRAFFIC_START_MS });
  return withHotUser(generated, size.hotUserShare ?? HOT_USER_SHARE);
}

/** Mean size of the records this traffic becomes (the same codec both clickstream patterns write with). */
export function sampleClickstreamRecordBytes(): number {
  return meanBytes(clickstreamTraffic({ events: 200, users: 100 }).events.map((event) => encodeClickstreamEvent(event).byteLength));
}
