/**
 * Builds the `KinesisStreamEvent` Lambda receives from a Kinesis event source mapping, field for
 * field as in the AWS Lambda developer guide's example event ("Using Lambda with Kinesis").
 */
import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';

/** Where the records come from: the same for every record of one mapping. */
export interface KinesisEventOrigin {
  /** The mapping's `EventSourceArn`: the stream ARN, or the consumer ARN for enhanced fan-out. */
  readonly eventSourceArn: string;
  readonly awsRegion: string;
  /** The function's execution role ARN (not emulated: any well-formed ARN). */
  readonly invokeIdentityArn: string;
}

/** A record read from one shard, kept with its shard id (the event ID needs it). */
export interface ShardRecord {
  readonly shardId: string;
  readonly record: KinesisRecord;
}

/** The record's sequence number; GetRecords always returns one. */
export function sequenceNumberOf(shardRecord: ShardRecord): string {
  return shardRecord.record.SequenceNumber ?? '';
}

/** Arrival time in epoch milliseconds (0 when the emulator omits it). */
export function arrivalEpochMsOf(shardRecord: ShardRecord): number {
  return shardRecord.record.ApproximateArrivalTimestamp?.getTime() ?? 0;
}

/** One Lambda event record. */
function toKinesisStreamRecord(shardRecord: ShardRecord, origin: KinesisEventOrigin): KinesisStreamRecord {
  const { record, shardId } = shardRecord;
  const sequenceNumber = sequenceNumberOf(shardRecord);
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: record.PartitionKey ?? '',
      sequenceNumber,
      data: Buffer.from(record.Data ?? new Uint8Array()).toString('base64'),
      // AWS sends epoch seconds with millisecond precision.
      approximateArrivalTimestamp: arrivalEpochMsOf(shardRecord) / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${shardId}:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: origin.invokeIdentityArn,
    awsRegion: origin.awsRegion,
    eventSourceARN: origin.eventSourceArn,
  };
}

/** The whole event for one batch (every record of a batch comes from one shard). */
export function toKinesisStreamEvent(records: readonly ShardRecord[], origin: KinesisEventOrigin): KinesisStreamEvent {
  return { Records: records.map((record) => toKinesisStreamRecord(record, origin)) };
}
