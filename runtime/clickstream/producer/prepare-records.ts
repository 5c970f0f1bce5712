/**
 * Validates and encodes a producer's input up front, so that a bad event stops the whole send
 * before a single record is written (a half-sent batch is harder to reason about than none).
 */
import { InvalidClickstreamEventError, parseClickstreamEvent, type ClickstreamEvent } from '../../shared/clickstream-events';
import { encodeClickstreamEvent } from '../../shared/clickstream-record-codec';
import { ConfigurationError } from '../../shared/errors';

/** An event ready to put: its bytes, its partition key (the userId) and its size as Kinesis counts it. */
export interface PreparedRecord {
  /** Position in the caller's input, for reporting. */
  readonly index: number;
  readonly event: ClickstreamEvent;
  readonly data: Uint8Array;
  readonly partitionKey: string;
  /** Data plus partition key bytes: what the record-size and request-size limits count. */
  readonly sizeBytes: number;
}

/** One rejected input event. */
export interface RejectedEvent {
  readonly index: number;
  readonly eventId?: string;
  readonly reason: string;
}

/** Some events are invalid or too large; nothing was sent. The caller's input is wrong: exit 2. */
export class InvalidClickstreamBatchError extends ConfigurationError {
  // A literal, not the class name: the bundles are minified.
  override readonly name = 'InvalidClickstreamBatchError';

  constructor(readonly rejected: readonly RejectedEvent[]) {
    const shown = rejected.slice(0, 5).map((r) => `#${r.index}${r.eventId === undefined ? '' : ` (${r.eventId})`}: ${r.reason}`);
    const more = rejected.length > shown.length ? `; and ${rejected.length - shown.length} more` : '';
    super(`${rejected.length} event(s) rejected, nothing sent: ${shown.join('; ')}${more}`);
  }
}

/**
 * Validates every event and checks its encoded size against `maxRecordBytes`.
 * @throws InvalidClickstreamBatchError listing every rejected event.
 */
export function prepareRecords(events: readonly unknown[], maxRecordBytes: number): PreparedRecord[] {
  const prepared: PreparedRecord[] = [];
  const rejected: RejectedEvent[] = [];
  events.forEach((input, index) => {
    let event: ClickstreamEvent;
    try {
      event = parseClickstreamEvent(input);
    } catch (error) {
      if (!(error instanceof InvalidClickstreamEventError)) throw error;
      rejected.push({ index, eventId: error.eventId, reason: error.problems.join('; ') });
      return;
    }
    const data = encodeClickstreamEvent(event);
    const sizeBytes = data.byteLength + Buffer.byteLength(event.userId, 'utf8');
    if (sizeBytes > maxRecordBytes) {
      rejected.push({
        index,
        eventId: event.eventId,
        reason: `record is ${sizeBytes} bytes (data + partition key), over the ${maxRecordBytes}-byte record size limit`,
      });
      return;
    }
    prepared.push({ index, event, data, partitionKey: event.userId, sizeBytes });
  });
  if (rejected.length > 0) throw new InvalidClickstreamBatchError(rejected);
  return prepared;
}
