/**
 * Protobuf encoding and decoding of the KPL `AggregatedRecord` message (schema in
 * aggregated-record-schema.ts), written out on protobufjs's minimal `Writer` and `Reader`.
 *
 * Why not protobufjs reflection: the full or light build compiles codecs at run time and weighs about
 * 100 KiB in every Lambda bundle, for a message of three fields. The minimal build's wire primitives
 * do the varints, lengths and UTF-8; this file only says which field goes where, in the order proto2
 * encoders write them (ascending field number). A test checks these bytes against protobufjs
 * reflection built from the documented .proto, and another against awslabs' aws-kinesis-agg.
 */
import { Reader, Writer } from 'protobufjs/minimal';
import type { KplAggregatedRecordMessage, KplRecordMessage } from './aggregated-record-schema';

/** Protobuf wire types used by the format. */
const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;

/** Field numbers of `AggregatedRecord`. */
const AGGREGATE_FIELD = { partitionKeyTable: 1, explicitHashKeyTable: 2, records: 3 } as const;
/** Field numbers of `Record` (`tags = 4` is read past: neither the KPL nor the KCL API exposes tags). */
const RECORD_FIELD = { partitionKeyIndex: 1, explicitHashKeyIndex: 2, data: 3 } as const;

/** The tag varint of a field: field number and wire type. */
function tagOf(fieldNumber: number, wireType: number): number {
  return (fieldNumber << 3) | wireType;
}

/**
 * A protobuf message is invalid for the schema (a required field is missing). Plain `Error`, like
 * protobufjs's own decode errors: deaggregate() reports either as a CorruptAggregateError.
 */
export class InvalidKplMessageError extends Error {
  override readonly name = 'InvalidKplMessageError';
}

/** The message's protobuf bytes (without the magic number and MD5 trailer). */
export function encodeAggregatedRecordMessage(message: KplAggregatedRecordMessage): Uint8Array {
  const writer = Writer.create();
  for (const key of message.partitionKeyTable) writer.uint32(tagOf(AGGREGATE_FIELD.partitionKeyTable, WIRE_LENGTH_DELIMITED)).string(key);
  for (const key of message.explicitHashKeyTable) writer.uint32(tagOf(AGGREGATE_FIELD.explicitHashKeyTable, WIRE_LENGTH_DELIMITED)).string(key);
  for (const record of message.records) {
    writer.uint32(tagOf(AGGREGATE_FIELD.records, WIRE_LENGTH_DELIMITED)).fork();
    writer.uint32(tagOf(RECORD_FIELD.partitionKeyIndex, WIRE_VARINT)).uint64(record.partitionKeyIndex);
    if (record.explicitHashKeyIndex !== undefined) writer.uint32(tagOf(RECORD_FIELD.explicitHashKeyIndex, WIRE_VARINT)).uint64(record.explicitHashKeyIndex);
    writer.uint32(tagOf(RECORD_FIELD.data, WIRE_LENGTH_DELIMITED)).bytes(record.data);
    writer.ldelim();
  }
  return writer.finish();
}

/**
 * Decodes the message's protobuf bytes. Unknown fields, and known fields with an unexpected wire type,
 * are skipped as protobuf decoders do.
 * @throws InvalidKplMessageError when a record lacks a required field; protobufjs's own errors when the bytes are truncated.
 */
export function decodeAggregatedRecordMessage(body: Uint8Array): KplAggregatedRecordMessage {
  const reader = Reader.create(body);
  const message = { partitionKeyTable: [] as string[], explicitHashKeyTable: [] as string[], records: [] as KplRecordMessage[] };
  while (reader.pos < reader.len) {
    const tag = reader.tag();
    const wireType = tag & 7;
    const fieldNumber = tag >>> 3;
    if (wireType !== WIRE_LENGTH_DELIMITED) reader.skipType(wireType, 0, fieldNumber);
    else if (fieldNumber === AGGREGATE_FIELD.partitionKeyTable) message.partitionKeyTable.push(reader.string());
    else if (fieldNumber === AGGREGATE_FIELD.explicitHashKeyTable) message.explicitHashKeyTable.push(reader.string());
    else if (fieldNumber === AGGREGATE_FIELD.records) message.records.push(decodeRecord(reader, reader.size()));
    else reader.skipType(wireType, 0, fieldNumber);
  }
  return message;
}

/** One length-delimited `Record` of `length` bytes at the reader's position. */
function decodeRecord(reader: Reader, length: number): KplRecordMessage {
  const end = reader.pos + length;
  if (end > reader.len) throw new RangeError(`record of ${length} bytes runs past the message end`);
  let partitionKeyIndex: number | undefined;
  let explicitHashKeyIndex: number | undefined;
  let data: Uint8Array | undefined;
  while (reader.pos < end) {
    const tag = reader.tag();
    const wireType = tag & 7;
    const fieldNumber = tag >>> 3;
    if (fieldNumber === RECORD_FIELD.partitionKeyIndex && wireType === WIRE_VARINT) partitionKeyIndex = uint64AsNumber(reader);
    else if (fieldNumber === RECORD_FIELD.explicitHashKeyIndex && wireType === WIRE_VARINT) explicitHashKeyIndex = uint64AsNumber(reader);
    else if (fieldNumber === RECORD_FIELD.data && wireType === WIRE_LENGTH_DELIMITED) data = reader.bytes();
    else reader.skipType(wireType, 0, fieldNumber);
  }
  if (reader.pos !== end) throw new RangeError('a record field runs past the record end');
  if (partitionKeyIndex === undefined) throw new InvalidKplMessageError("a record misses required 'partition_key_index'");
  if (data === undefined) throw new InvalidKplMessageError("a record misses required 'data'");
  return { partitionKeyIndex, ...(explicitHashKeyIndex === undefined ? {} : { explicitHashKeyIndex }), data };
}

/**
 * A uint64 varint as a number. protobufjs returns a Long when the `long` package is loaded, a number
 * otherwise; an index beyond 2^53 loses precision but is outside any key table either way.
 */
function uint64AsNumber(reader: Reader): number {
  return Number(String(reader.uint64()));
}
