/**
 * The message attributes a dead-lettered copy carries, and the room they take. The producer
 * reserves that room (see enqueue-emails.ts), so a body that fits the queue fits its DLQ copy too:
 * SQS counts attribute names, types and values against the same 1 MiB message limit.
 */
import { toSqsText, truncateUtf8 } from '../shared/sqs-poller/sqs-text';

/** Message attributes a dead-lettered message carries (read them when triaging the DLQ). */
export const DEAD_LETTER_ATTRIBUTES = {
  /** Why the job can never succeed. */
  reason: 'FailureReason',
  /**
   * Message id on the source queue: two DLQ copies with the same id are one job copied twice (a
   * worker killed between the DLQ copy and the delete); a redrive keeps only one of them.
   */
  sourceMessageId: 'SourceMessageId',
} as const;

/** Longest FailureReason, in UTF-8 bytes: a readable reason, small next to a 1 MiB body. */
export const MAX_FAILURE_REASON_BYTES = 1024;
/** SQS message ids are at most 100 characters (ReceiveMessage, MessageId). */
const MAX_SOURCE_MESSAGE_ID_BYTES = 100;
/** The attribute DataType both attributes use. */
const STRING_DATA_TYPE = 'String';

/**
 * Bytes the DLQ copy's attributes can add to a body: each attribute counts its name, its data type
 * and its value ("Message attributes ... count toward the message size restrictions").
 */
export const DEAD_LETTER_ATTRIBUTE_BYTES =
  DEAD_LETTER_ATTRIBUTES.reason.length + STRING_DATA_TYPE.length + MAX_FAILURE_REASON_BYTES +
  DEAD_LETTER_ATTRIBUTES.sourceMessageId.length + STRING_DATA_TYPE.length + MAX_SOURCE_MESSAGE_ID_BYTES;

/**
 * A reason SQS always accepts as a String attribute: well-formed UTF-16 (lone surrogates become
 * U+FFFD), only the characters SQS allows, on one line (CR/LF and tabs folded into spaces, so a log
 * or console line cannot be forged from a job's body) and at most {@link MAX_FAILURE_REASON_BYTES}.
 */
export function sanitizeFailureReason(reason: string): string {
  const oneLine = toSqsText(reason).replace(/[\t\r\n]+/g, ' ');
  const trimmed = oneLine.trim();
  return truncateUtf8(trimmed === '' ? 'unknown failure' : trimmed, MAX_FAILURE_REASON_BYTES);
}

/** The attributes of one dead-lettered copy; `reason` is dropped when `withReason` is false. */
export function deadLetterAttributes(sourceMessageId: string, reason: string, withReason = true) {
  return {
    ...(withReason ? { [DEAD_LETTER_ATTRIBUTES.reason]: { DataType: STRING_DATA_TYPE, StringValue: reason } } : {}),
    [DEAD_LETTER_ATTRIBUTES.sourceMessageId]: { DataType: STRING_DATA_TYPE, StringValue: sourceMessageId },
  };
}
