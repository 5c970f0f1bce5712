/**
 * The record the analytics members write to the compacted `clickstream-sessions` topic: each user's
 * latest activity, keyed by userId. Compaction keeps only the newest per key, so the topic is a
 * table of "where is each user now", which neither SQS nor Kinesis can hold.
 *
 * It also says who produced it from which source record, so a run can count per-member work,
 * duplicates after a rebalance, and per-key order from the topic alone.
 */
import type { ClickstreamEvent } from '../../shared/clickstream-events';

/** The value of one `clickstream-sessions` record (UTF-8 JSON). */
export interface UserLatestState {
  readonly userId: string;
  /** The event this state was derived from. */
  readonly eventId: string;
  readonly lastEventType: ClickstreamEvent['type'];
  readonly lastPage: string;
  /** Event time of the user's latest event (ISO-8601). */
  readonly lastSeenAt: string;
  /** The member (Fargate task or local process) that processed the source record. */
  readonly member: string;
  readonly sourcePartition: number;
  /** The source record's offset, as a decimal string (Kafka offsets are 64-bit). */
  readonly sourceOffset: string;
}

/** Derives the state record from one source event. */
export function latestStateOf(
  event: ClickstreamEvent,
  source: { readonly member: string; readonly partition: number; readonly offset: bigint },
): UserLatestState {
  return {
    userId: event.userId,
    eventId: event.eventId,
    lastEventType: event.type,
    lastPage: event.page,
    lastSeenAt: event.timestamp,
    member: source.member,
    sourcePartition: source.partition,
    sourceOffset: source.offset.toString(),
  };
}

/** Parses a state record's value. @throws Error when it is not one. */
export function parseUserLatestState(value: string): UserLatestState {
  const parsed = JSON.parse(value) as Partial<UserLatestState>;
  if (typeof parsed.userId !== 'string' || typeof parsed.eventId !== 'string' || typeof parsed.sourceOffset !== 'string') {
    throw new Error(`not a user state record: ${value.slice(0, 200)}`);
  }
  return parsed as UserLatestState;
}
