/**
 * Kinesis sequence numbers as strings that compare correctly.
 *
 * They are decimal integers of up to 129 digits (API pattern `0|([1-9]\d{0,128})`), far beyond
 * `Number`, and of varying length, so `"9" > "10"` as plain strings. Left-padding every one to the
 * maximum width makes string order equal numeric order, which is what a DynamoDB condition
 * expression compares.
 */

/** Maximum digits of a Kinesis sequence number (API pattern `0|([1-9]\d{0,128})`). */
export const SEQUENCE_NUMBER_WIDTH = 129;

/** A value that is not a Kinesis sequence number. Plain `Error`: inside a handler it fails the record, never a process. */
export class InvalidSequenceNumberError extends Error {
  override readonly name = 'InvalidSequenceNumberError';

  constructor(readonly sequenceNumber: string) {
    super(`Not a Kinesis sequence number (1 to ${SEQUENCE_NUMBER_WIDTH} decimal digits): "${sequenceNumber}"`);
  }
}

/** Zero-pads a sequence number to a fixed width so that string comparison is numeric comparison. */
export function padSequenceNumber(sequenceNumber: string): string {
  if (!/^\d+$/.test(sequenceNumber) || sequenceNumber.length > SEQUENCE_NUMBER_WIDTH) {
    throw new InvalidSequenceNumberError(sequenceNumber);
  }
  return sequenceNumber.padStart(SEQUENCE_NUMBER_WIDTH, '0');
}

/** Digits of a sub-sequence number in a watermark: a 1 MiB aggregate holds well under 10^10 user records. */
const SUB_SEQUENCE_WIDTH = 10;

/**
 * The idempotency watermark of a user record: the padded sequence number of its Kinesis record,
 * and for a user record out of a KPL aggregate (which shares that sequence number with its
 * siblings) a `.`-separated padded sub-sequence number. `.` sorts below every digit, so a
 * plain record `S` < `S.0000000000` < `S.0000000001` < any later sequence number: string order
 * stays the order in which the shard delivered the user records, and a plain record's watermark is
 * the same as before aggregation existed.
 */
export function userRecordWatermark(sequenceNumber: string, subSequenceNumber?: number): string {
  const padded = padSequenceNumber(sequenceNumber);
  if (subSequenceNumber === undefined) return padded;
  if (!Number.isSafeInteger(subSequenceNumber) || subSequenceNumber < 0) {
    throw new InvalidSequenceNumberError(`${sequenceNumber}.${subSequenceNumber}`);
  }
  return `${padded}.${String(subSequenceNumber).padStart(SUB_SEQUENCE_WIDTH, '0')}`;
}
