/**
 * The KPL aggregated record format, as the Kinesis Producer Library documents it
 * (awslabs/amazon-kinesis-producer, aggregation-format.md): the 4-byte magic number
 * `0xF3 0x89 0x9A 0xC2`, a proto2 `AggregatedRecord` message, and the 16-byte MD5 of that message's
 * bytes. The KCL, Firehose and awslabs' aws-kinesis-agg deaggregate exactly these bytes.
 *
 * ```proto
 * message AggregatedRecord {
 *   repeated string partition_key_table     = 1;
 *   repeated string explicit_hash_key_table = 2;
 *   repeated Record records                 = 3;
 * }
 * message Tag    { required string key = 1; optional string value = 2; }
 * message Record {
 *   required uint64 partition_key_index     = 1;
 *   optional uint64 explicit_hash_key_index = 2;
 *   required bytes  data                    = 3;
 *   repeated Tag    tags                    = 4;
 * }
 * ```
 * Field numbers and wire types are the contract; aggregated-record-codec.ts writes and reads them.
 */

/** First four bytes of every aggregated record. */
export const KPL_MAGIC = Uint8Array.of(0xf3, 0x89, 0x9a, 0xc2);
/** The MD5 trailer's length. */
export const KPL_DIGEST_BYTES = 16;

/** `message Record`: one user record; the key indices point into the aggregate's key tables. */
export interface KplRecordMessage {
  /** `required uint64 partition_key_index = 1` */
  readonly partitionKeyIndex: number;
  /** `optional uint64 explicit_hash_key_index = 2`; undefined when absent. */
  readonly explicitHashKeyIndex?: number;
  /** `required bytes data = 3` */
  readonly data: Uint8Array;
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
