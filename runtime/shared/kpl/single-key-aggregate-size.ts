/**
 * The exact size of a one-partition-key aggregate, computed as records are added, so a producer can
 * fill an aggregate up to the Kinesis record size limit without encoding it again for each record.
 * The arithmetic follows the protobuf wire format (a tag byte, a varint length, the bytes) of what
 * encodeAggregatedRecord writes for a single key; a test checks it against the encoder's output.
 */
import { KPL_DIGEST_BYTES, KPL_MAGIC } from './aggregated-record-schema';

/** One byte of field tag: every field number of the format is below 16. */
const TAG_BYTES = 1;
/** `partition_key_index = 0`: its tag and a one-byte varint. */
const PARTITION_KEY_INDEX_BYTES = TAG_BYTES + 1;

/** Bytes of an aggregate holding only the partition key table entry (no records yet), trailer included. */
export function singleKeyAggregateBaseBytes(partitionKey: string): number {
  return KPL_MAGIC.length + lengthDelimitedBytes(Buffer.byteLength(partitionKey, 'utf8')) + KPL_DIGEST_BYTES;
}

/** Bytes one user record of `dataBytes` adds to a single-key aggregate (its `records` entry). */
export function singleKeyUserRecordBytes(dataBytes: number): number {
  return lengthDelimitedBytes(PARTITION_KEY_INDEX_BYTES + lengthDelimitedBytes(dataBytes));
}

/** A length-delimited field: tag, varint length, payload. */
function lengthDelimitedBytes(payloadBytes: number): number {
  return TAG_BYTES + varintBytes(payloadBytes) + payloadBytes;
}

/** Bytes of a protobuf varint: 7 bits per byte. */
function varintBytes(value: number): number {
  let bytes = 1;
  for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128)) bytes += 1;
  return bytes;
}
