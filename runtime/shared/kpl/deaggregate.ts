/**
 * Unpacks a Kinesis record into its user records: a KPL aggregated record (see
 * aggregated-record-schema.ts) yields each user record it carries, in order; any other record is
 * its own single user record.
 *
 * A record that starts with the KPL magic number but fails its MD5 check or does not decode is a
 * {@link CorruptAggregateError}, never a partial list: a consumer must not apply half an aggregate.
 * (The KCL passes such a record on as if it were not aggregated; reporting it names the problem.)
 */
import { createHash } from 'node:crypto';
import { decodeAggregatedRecordMessage } from './aggregated-record-codec';
import { KPL_DIGEST_BYTES, KPL_MAGIC, type KplAggregatedRecordMessage } from './aggregated-record-schema';

/** The Kinesis record as read from the stream (GetRecords, a Lambda event, an archive). */
export interface KinesisRecordBytes {
  readonly data: Uint8Array;
  readonly partitionKey: string;
  readonly explicitHashKey?: string;
}

/** One user record. */
export interface DeaggregatedUserRecord {
  /** The user record's own partition key (for an aggregate, from its key table). */
  readonly partitionKey: string;
  readonly explicitHashKey?: string;
  readonly data: Uint8Array;
  /** Position inside the aggregate, from 0 (the KCL's sub-sequence number); 0 for a plain record. */
  readonly subSequenceNumber: number;
  /** True when it came out of a KPL aggregated record. */
  readonly aggregated: boolean;
}

/**
 * A record carries the KPL magic number but is not a valid aggregate. Plain `Error`: consumers catch it
 * and report the record (a batch item failure, an archive error record).
 */
export class CorruptAggregateError extends Error {
  override readonly name = 'CorruptAggregateError';

  constructor(
    readonly partitionKey: string,
    readonly problem: string,
  ) {
    super(`Corrupt KPL aggregated record (partition key "${partitionKey}"): ${problem}`);
  }
}

/** True when `data` starts with the KPL magic number. */
export function hasKplMagic(data: Uint8Array): boolean {
  return data.length >= KPL_MAGIC.length && KPL_MAGIC.every((byte, index) => data[index] === byte);
}

/**
 * The user records of one Kinesis record, in order.
 * @throws CorruptAggregateError when the record has the magic number but a wrong MD5 or an undecodable body.
 */
export function deaggregate(record: KinesisRecordBytes): DeaggregatedUserRecord[] {
  const { data, partitionKey, explicitHashKey } = record;
  if (!hasKplMagic(data)) return [{ partitionKey, explicitHashKey, data, subSequenceNumber: 0, aggregated: false }];
  if (data.length < KPL_MAGIC.length + KPL_DIGEST_BYTES) {
    throw new CorruptAggregateError(partitionKey, `${data.length} bytes, too short for the magic number and the MD5 trailer`);
  }
  const body = data.subarray(KPL_MAGIC.length, data.length - KPL_DIGEST_BYTES);
  const digest = data.subarray(data.length - KPL_DIGEST_BYTES);
  if (!createHash('md5').update(body).digest().equals(digest)) {
    throw new CorruptAggregateError(partitionKey, 'MD5 trailer does not match the protobuf message');
  }
  const message = decodeMessage(partitionKey, body);
  return message.records.map((userRecord, subSequenceNumber) => ({
    partitionKey: tableEntry(message.partitionKeyTable, userRecord.partitionKeyIndex, 'partition', partitionKey),
    explicitHashKey:
      userRecord.explicitHashKeyIndex === undefined
        ? undefined
        : tableEntry(message.explicitHashKeyTable, userRecord.explicitHashKeyIndex, 'explicit hash', partitionKey),
    data: userRecord.data,
    subSequenceNumber,
    aggregated: true,
  }));
}

function decodeMessage(partitionKey: string, body: Uint8Array): KplAggregatedRecordMessage {
  try {
    return decodeAggregatedRecordMessage(body);
  } catch (error) {
    throw new CorruptAggregateError(partitionKey, `protobuf message does not decode (${(error as Error).message})`);
  }
}

/** A key table lookup. */
function tableEntry(table: readonly string[], index: number, kind: string, partitionKey: string): string {
  const key = table[index];
  if (key === undefined) {
    throw new CorruptAggregateError(partitionKey, `${kind} key index ${index} is outside its table of ${table.length}`);
  }
  return key;
}
