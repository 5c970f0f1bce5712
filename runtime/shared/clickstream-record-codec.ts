/**
 * How a clickstream event travels in a Kinesis record: UTF-8 JSON, one event per record.
 * The producer encodes with `encodeClickstreamEvent`; both consumers decode with
 * `decodeClickstreamRecordData` (Lambda hands them the record's data base64-encoded).
 */
import { checkEventTime, InvalidClickstreamEventError, parseClickstreamEvent, type ClickstreamEvent } from './clickstream-events';

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

/**
 * Decodes a Lambda Kinesis record (base64 `data`) and checks its event time against the record's
 * `approximateArrivalTimestamp` (epoch seconds, as Lambda gives it): what both stream consumers use.
 * @throws InvalidClickstreamEventError when the data is not a valid event or its time is implausible.
 */
export function decodeKinesisClickstreamRecord(kinesis: { readonly data: string; readonly approximateArrivalTimestamp: number }): ClickstreamEvent {
  const event = decodeClickstreamRecordData(kinesis.data);
  checkEventTime(event, kinesis.approximateArrivalTimestamp * 1000);
  return event;
}
