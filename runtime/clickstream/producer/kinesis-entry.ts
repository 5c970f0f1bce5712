/**
 * What the producer puts as one Kinesis record: either one event, or a key's backlog of events as
 * one KPL aggregated record (runtime/shared/kpl). A Kinesis record succeeds or fails whole, so the
 * events of an aggregate are written together, in order, or retried together: per-user order holds
 * exactly as with one event per record, while a busy user's backlog needs one slot of a PutRecords
 * call instead of one call per event.
 */
import { encodeAggregatedRecord } from '../../shared/kpl/aggregate';
import { singleKeyAggregateBaseBytes, singleKeyUserRecordBytes } from '../../shared/kpl/single-key-aggregate-size';
import type { PreparedRecord } from './prepare-records';

/**
 * When the producer aggregates:
 * - `auto`: a key's backlog (two or more events waiting) becomes one aggregate; a lone event goes as
 *   a plain record, so a stream of many slow users looks exactly as without aggregation;
 * - `on`: every record is an aggregate, even of one event (as the KPL does with aggregation on);
 * - `off`: one event per Kinesis record.
 */
export type AggregationMode = 'off' | 'on' | 'auto';

/** The accepted spellings of {@link AggregationMode}. */
export const AGGREGATION_MODES: readonly AggregationMode[] = ['off', 'on', 'auto'];

/** One Kinesis record to put: its events (all of one partition key, in order) and its retry state. */
export interface KinesisEntry<TRecord extends PreparedRecord> {
  readonly partitionKey: string;
  readonly records: TRecord[];
  /** Bytes of the record as it will be put (data + partition key): what the Kinesis limits count. */
  sizeBytes: number;
  /** PutRecords attempts of this entry. */
  attempts: number;
  /** Size of these records as a single-key aggregate, trailer included, partition key excluded. */
  aggregateBytes: number;
  /** The bytes put, fixed when the entry is first sent so a retry sends the same record. */
  data?: Uint8Array;
}

/** An entry of one event. */
export function entryOf<TRecord extends PreparedRecord>(record: TRecord, mode: AggregationMode, maxRecordBytes: number): KinesisEntry<TRecord> {
  const entry: KinesisEntry<TRecord> = {
    partitionKey: record.partitionKey,
    records: [record],
    sizeBytes: record.sizeBytes,
    attempts: 0,
    aggregateBytes: singleKeyAggregateBaseBytes(record.partitionKey) + singleKeyUserRecordBytes(record.data.byteLength),
  };
  entry.sizeBytes = sentSize(entry, mode, maxRecordBytes);
  return entry;
}

/**
 * Merges `record` (of the same key, later in order) into `entry` when aggregation is on and the
 * aggregate still fits one Kinesis record; returns whether it did.
 */
export function absorbInto<TRecord extends PreparedRecord>(
  entry: KinesisEntry<TRecord>,
  record: TRecord,
  mode: AggregationMode,
  maxRecordBytes: number,
): boolean {
  if (mode === 'off' || entry.data !== undefined) return false;
  const aggregateBytes = entry.aggregateBytes + singleKeyUserRecordBytes(record.data.byteLength);
  if (aggregateBytes + partitionKeyBytes(entry) > maxRecordBytes) return false;
  entry.records.push(record);
  entry.aggregateBytes = aggregateBytes;
  entry.sizeBytes = sentSize(entry, mode, maxRecordBytes);
  return true;
}

/** The entry's Kinesis record data, encoded (and fixed) on first use. */
export function entryData<TRecord extends PreparedRecord>(entry: KinesisEntry<TRecord>, mode: AggregationMode, maxRecordBytes: number): Uint8Array {
  entry.data ??= isAggregated(entry, mode, maxRecordBytes) ? encodeAggregatedRecord(entry.records) : entry.records[0].data;
  return entry.data;
}

function isAggregated<TRecord extends PreparedRecord>(entry: KinesisEntry<TRecord>, mode: AggregationMode, maxRecordBytes: number): boolean {
  if (entry.records.length > 1) return true;
  // With `on`, a lone event near the size limit still goes plain: its aggregate would not fit.
  return mode === 'on' && entry.aggregateBytes + partitionKeyBytes(entry) <= maxRecordBytes;
}

function sentSize<TRecord extends PreparedRecord>(entry: KinesisEntry<TRecord>, mode: AggregationMode, maxRecordBytes: number): number {
  return isAggregated(entry, mode, maxRecordBytes) ? entry.aggregateBytes + partitionKeyBytes(entry) : entry.records[0].sizeBytes;
}

function partitionKeyBytes<TRecord extends PreparedRecord>(entry: KinesisEntry<TRecord>): number {
  return Buffer.byteLength(entry.partitionKey, 'utf8');
}
