/**
 * How a clickstream event travels in a Kinesis record: UTF-8 JSON, one event per record.
 * The producer encodes with `encodeClickstreamEvent`; both consumers decode with
 * `decodeClickstreamRecordData` (Lambda hands them the record's data base64-encoded).
 */
import { InvalidClickstreamEventError, parseClickstreamEvent, type ClickstreamEvent } from './clickstream-events';

/** The bytes the producer puts in a record's `Data`. */
export function encodeClickstreamEvent(event: ClickstreamEvent): Uint8Array {
  return Buffer.from(JSON.stringify(event), 'utf8');
}

/**
 * Decodes and validates a Lambda Kinesis record's base64 `data`.
 * @throws InvalidClickstreamEventError when the data is not JSON or not a valid event.
 */
export function decodeClickstreamRecordData(base64Data: string): ClickstreamEvent {
  const text = Buffer.from(base64Data, 'base64').toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidClickstreamEventError([`data is not valid JSON (${(error as Error).message})`]);
  }
  return parseClickstreamEvent(value);
}
