/**
 * Packs user records into one Kinesis record in the KPL aggregated record format (see
 * aggregated-record-schema.ts): magic number, protobuf `AggregatedRecord`, MD5 of the protobuf bytes.
 */
import { createHash } from 'node:crypto';
import { encodeAggregatedRecordMessage } from './aggregated-record-codec';
import { KPL_DIGEST_BYTES, KPL_MAGIC } from './aggregated-record-schema';
import { KeyTable } from './key-table';

/** One user record to aggregate. */
export interface UserRecordInput {
  readonly partitionKey: string;
  /** A 128-bit decimal hash key that overrides the partition key's hash, if any. */
  readonly explicitHashKey?: string;
  readonly data: Uint8Array;
}

/**
 * An aggregate with no user records: the format allows it, but no consumer can learn anything from it.
 * Plain `Error`: only a caller's bug raises it (the aggregator never flushes an empty batch), so exit 1.
 */
export class EmptyAggregateError extends Error {
  override readonly name = 'EmptyAggregateError';

  constructor() {
    super('An aggregated record needs at least one user record');
  }
}

/**
 * Encodes `records`, in order, as one KPL aggregated record. Each distinct key is stored once in
 * its table (the format's key packing); the caller puts the result with a partition key that maps
 * to the same shard as the user records' (the KPL uses the first record's).
 * @throws EmptyAggregateError when `records` is empty.
 */
export function encodeAggregatedRecord(records: readonly UserRecordInput[]): Uint8Array {
  if (records.length === 0) throw new EmptyAggregateError();
  const partitionKeys = new KeyTable();
  const explicitHashKeys = new KeyTable();
  const body = encodeAggregatedRecordMessage({
    records: records.map((record) => ({
      partitionKeyIndex: partitionKeys.indexOf(record.partitionKey),
      ...(record.explicitHashKey === undefined ? {} : { explicitHashKeyIndex: explicitHashKeys.indexOf(record.explicitHashKey) }),
      data: record.data,
    })),
    partitionKeyTable: partitionKeys.keys,
    explicitHashKeyTable: explicitHashKeys.keys,
  });
  const digest = createHash('md5').update(body).digest();
  const aggregated = new Uint8Array(KPL_MAGIC.length + body.length + KPL_DIGEST_BYTES);
  aggregated.set(KPL_MAGIC, 0);
  aggregated.set(body, KPL_MAGIC.length);
  aggregated.set(digest, KPL_MAGIC.length + body.length);
  return aggregated;
}
