/**
 * The KPL aggregated record format, as the Kinesis Producer Library documents it
 * (awslabs/amazon-kinesis-producer, aggregation-format.md): the 4-byte magic number
 * `0xF3 0x89 0x9A 0xC2`, a proto2 `AggregatedRecord` message, and the 16-byte MD5 of that message's
 * bytes. The KCL, Firehose and awslabs' aws-kinesis-agg deaggregate exactly these bytes.
 *
 * The schema is protobufjs reflection built from the documented .proto (field numbers and rules
 * are the wire contract; the JavaScript field names are camelCase spellings of the proto names).
 */
import { Root, type Type } from 'protobufjs/light';

/** First four bytes of every aggregated record. */
export const KPL_MAGIC = Uint8Array.of(0xf3, 0x89, 0x9a, 0xc2);
/** The MD5 trailer's length. */
export const KPL_DIGEST_BYTES = 16;

/** `message Tag { required string key = 1; optional string value = 2; }` */
export interface KplTag {
  readonly key: string;
  readonly value?: string;
}

/** `message Record`: one user record; the key indices point into the aggregate's key tables. */
export interface KplRecordMessage {
  /** `required uint64 partition_key_index = 1` */
  readonly partitionKeyIndex: number | { toString(): string };
  /** `optional uint64 explicit_hash_key_index = 2` */
  readonly explicitHashKeyIndex?: number | { toString(): string } | null;
  /** `required bytes data = 3` */
  readonly data: Uint8Array;
  /** `repeated Tag tags = 4` (not used by the KPL or KCL APIs, kept for completeness) */
  readonly tags?: readonly KplTag[];
}

/** `message AggregatedRecord` */
export interface KplAggregatedRecordMessage {
  /** `repeated string partition_key_table = 1` */
  readonly partitionKeyTable: readonly string[];
  /** `repeated string explicit_hash_key_table = 2` */
  readonly explicitHashKeyTable: readonly string[];
  /** `repeated Record records = 3` */
  readonly records: readonly KplRecordMessage[];
}

/**
 * Each message says `edition: 'proto2'`: protobufjs reads a JSON message without one as proto3,
 * where an optional scalar equal to its default (an explicit hash key index of 0) is not written.
 */
const KPL_SCHEMA = {
  nested: {
    AggregatedRecord: {
      edition: 'proto2',
      fields: {
        partitionKeyTable: { rule: 'repeated', type: 'string', id: 1 },
        explicitHashKeyTable: { rule: 'repeated', type: 'string', id: 2 },
        records: { rule: 'repeated', type: 'Record', id: 3 },
      },
    },
    Tag: {
      edition: 'proto2',
      fields: {
        key: { rule: 'required', type: 'string', id: 1 },
        value: { type: 'string', id: 2 },
      },
    },
    Record: {
      edition: 'proto2',
      fields: {
        partitionKeyIndex: { rule: 'required', type: 'uint64', id: 1 },
        explicitHashKeyIndex: { type: 'uint64', id: 2 },
        data: { rule: 'required', type: 'bytes', id: 3 },
        tags: { rule: 'repeated', type: 'Tag', id: 4 },
      },
    },
  },
};

/** The `AggregatedRecord` message type (protobufjs compiles its encoder and decoder on first use). */
export const AGGREGATED_RECORD_TYPE: Type = Root.fromJSON(KPL_SCHEMA).lookupType('AggregatedRecord');
