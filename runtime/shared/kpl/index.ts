/**
 * The KPL aggregated record format: aggregate user records into one Kinesis record, and take any
 * Kinesis record (aggregated or not) apart again. Every consumer of the clickstream deaggregates
 * with `deaggregate` (bytes) or `deaggregateLambdaKinesisRecord` (a Lambda event record).
 */
export { encodeAggregatedRecord, EmptyAggregateError, type UserRecordInput } from './aggregate';
export { KPL_DIGEST_BYTES, KPL_MAGIC } from './aggregated-record-schema';
export { CorruptAggregateError, deaggregate, hasKplMagic, type DeaggregatedUserRecord, type KinesisRecordBytes } from './deaggregate';
export { deaggregateLambdaKinesisRecord, type LambdaKinesisUserRecord } from './deaggregate-lambda-record';
export { singleKeyAggregateBaseBytes, singleKeyUserRecordBytes } from './single-key-aggregate-size';
