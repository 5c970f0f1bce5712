/**
 * Deaggregation for Lambda's Kinesis events. Lambda does not deaggregate KPL records (the KCL and
 * Firehose do), so a Lambda consumer unpacks each event record itself. Each user record keeps the
 * Kinesis record's sequence number and arrival time: that sequence number is what a partial batch
 * response must name, since Lambda checkpoints Kinesis records, not user records.
 */
import type { KinesisStreamRecordPayload } from 'aws-lambda';
import { deaggregate } from './deaggregate';

/** A user record in the shape a Lambda Kinesis consumer reads (base64 `data`, as Lambda delivers it). */
export interface LambdaKinesisUserRecord {
  readonly partitionKey: string;
  readonly explicitHashKey?: string;
  /** Base64, like the Lambda event's own `data`. */
  readonly data: string;
  /** The carrying Kinesis record's sequence number. */
  readonly sequenceNumber: string;
  /** Position inside the aggregate; 0 for a plain record. */
  readonly subSequenceNumber: number;
  readonly aggregated: boolean;
  /** Epoch seconds, as Lambda gives it. */
  readonly approximateArrivalTimestamp: number;
}

/**
 * The user records of one Lambda Kinesis event record, in order.
 * @throws CorruptAggregateError when the record is a corrupt aggregate (nothing of it may be applied).
 */
export function deaggregateLambdaKinesisRecord(kinesis: KinesisStreamRecordPayload): LambdaKinesisUserRecord[] {
  const data = Buffer.from(kinesis.data, 'base64');
  return deaggregate({ data, partitionKey: kinesis.partitionKey }).map((userRecord) => ({
    partitionKey: userRecord.partitionKey,
    explicitHashKey: userRecord.explicitHashKey,
    // A plain record keeps Lambda's own base64 string: no copy for the common case.
    data: userRecord.aggregated ? Buffer.from(userRecord.data).toString('base64') : kinesis.data,
    sequenceNumber: kinesis.sequenceNumber,
    subSequenceNumber: userRecord.subSequenceNumber,
    aggregated: userRecord.aggregated,
    approximateArrivalTimestamp: kinesis.approximateArrivalTimestamp,
  }));
}
