/**
 * Per-user session state and the pure rule that advances it by one event. No I/O: the handler
 * loads and saves state around `advanceSession`, and `local/` can fold a replay with
 * `foldSessions` to compute the exact state the table must hold.
 *
 * Time is event time (`timestamp`), never the clock, so a replay reproduces the same sessions.
 */
import type { ClickstreamEvent } from '../../shared/clickstream-events';
import { userRecordWatermark } from './sequence-number';

/** One user's current session, as stored in the session table (plus its `expiresAt` TTL). */
export interface SessionState {
  readonly userId: string;
  /** The `eventId` of the event that opened the session: unique, and the same on every replay. */
  readonly sessionId: string;
  /** Event time of the session's first event (ISO-8601). */
  readonly sessionStartedAt: string;
  /** `page_view` events in this session. */
  readonly pageCount: number;
  /** Latest event time seen in this session (ISO-8601). */
  readonly lastSeenAt: string;
  /**
   * Zero-padded sequence number of the last applied record, with its sub-sequence number when it
   * came out of a KPL aggregate: the idempotency watermark (see `userRecordWatermark`).
   */
  readonly lastSequenceNumber: string;
}

/** An event together with the Kinesis sequence number of the record that carried it. */
export interface SequencedEvent {
  readonly event: ClickstreamEvent;
  /** As Kinesis reports it (unpadded); for a user record out of an aggregate, the aggregate's. */
  readonly sequenceNumber: string;
  /** Position inside a KPL aggregate; absent for a record that was not aggregated. */
  readonly subSequenceNumber?: number;
}

/** The outcome of offering one event to a session. */
export type SessionAdvance =
  | { readonly kind: 'applied'; readonly next: SessionState; readonly startedNewSession: boolean }
  /** The record is at or below the watermark: a redelivery, already counted. */
  | { readonly kind: 'already-applied' };

/**
 * Applies one event to a user's session.
 *
 * Idempotency rests on three Kinesis facts: one user is one partition key, so all of a user's
 * records land on one shard; sequence numbers increase within a shard; and after a reshard the
 * child shards' sequence numbers start above their parents'. So "sequence number ≤ watermark"
 * means "already applied". User records of one KPL aggregate share its sequence number and are
 * told apart by their sub-sequence number.
 * @param sessionTimeoutSeconds inactivity (by event time) after which the next event opens a new session.
 */
export function advanceSession(
  previous: SessionState | undefined,
  { event, sequenceNumber, subSequenceNumber }: SequencedEvent,
  sessionTimeoutSeconds: number,
): SessionAdvance {
  const paddedSequenceNumber = userRecordWatermark(sequenceNumber, subSequenceNumber);
  if (previous !== undefined && paddedSequenceNumber <= previous.lastSequenceNumber) {
    return { kind: 'already-applied' };
  }
  const pageViews = event.type === 'page_view' ? 1 : 0;
  const eventTimeMs = Date.parse(event.timestamp);
  const startsNewSession =
    previous === undefined || eventTimeMs - Date.parse(previous.lastSeenAt) > sessionTimeoutSeconds * 1000;
  if (startsNewSession) {
    return {
      kind: 'applied',
      startedNewSession: true,
      next: {
        userId: event.userId,
        sessionId: event.eventId,
        sessionStartedAt: event.timestamp,
        pageCount: pageViews,
        lastSeenAt: event.timestamp,
        lastSequenceNumber: paddedSequenceNumber,
      },
    };
  }
  return {
    kind: 'applied',
    startedNewSession: false,
    next: {
      ...previous,
      pageCount: previous.pageCount + pageViews,
      // A late event (client clock skew) must not move "last seen" backwards.
      lastSeenAt: eventTimeMs > Date.parse(previous.lastSeenAt) ? event.timestamp : previous.lastSeenAt,
      lastSequenceNumber: paddedSequenceNumber,
    },
  };
}

/**
 * Folds records (in per-shard sequence order) into the final state per user: what the session
 * table must hold after the processor has consumed them, however often they were redelivered.
 */
export function foldSessions(
  records: Iterable<SequencedEvent>,
  sessionTimeoutSeconds: number,
): Map<string, SessionState> {
  const sessions = new Map<string, SessionState>();
  for (const record of records) {
    const advance = advanceSession(sessions.get(record.event.userId), record, sessionTimeoutSeconds);
    if (advance.kind === 'applied') sessions.set(advance.next.userId, advance.next);
  }
  return sessions;
}
