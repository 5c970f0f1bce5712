/**
 * Builds Lambda Kinesis events shaped exactly like AWS's (base64 data, sequence numbers, partition
 * keys, approximateArrivalTimestamp, eventID = shardId:sequenceNumber).
 */
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';

/** One record to put in the event: a clickstream event, or raw bytes for poison-record tests. */
export interface RecordSpec {
  /** The payload: an event (JSON-encoded) or a raw string (sent as is, e.g. `'{not json'`). */
  readonly data: ClickstreamEvent | string;
  /** @default the event's userId, or `raw-key` for raw data */
  readonly partitionKey?: string;
  /** @default increasing from 49650000000000000000000000000000000000000000000000000001 */
  readonly sequenceNumber?: string;
}

const SHARD_ID = 'shardId-000000000000';
const STREAM_ARN = 'arn:aws:kinesis:us-east-1:123456789012:stream/clickstream-test';
/** A realistic 56-digit Kinesis sequence number prefix. */
const SEQUENCE_BASE = 49650000000000000000000000000000000000000000000000000000n;
/**
 * Arrival of the first record: after the test events' times (2026-11-21, 10:00 to 11:00), so they
 * pass the consumers' event-time check (at most 5 minutes after arrival).
 */
export const ARRIVAL_EPOCH_SECONDS = Date.parse('2026-11-21T12:00:00.000Z') / 1000;

export function kinesisRecordOf(spec: RecordSpec, position: number): KinesisStreamRecord {
  const raw = typeof spec.data === 'string' ? spec.data : JSON.stringify(spec.data);
  const partitionKey = spec.partitionKey ?? (typeof spec.data === 'string' ? 'raw-key' : spec.data.userId);
  const sequenceNumber = spec.sequenceNumber ?? String(SEQUENCE_BASE + BigInt(position + 1));
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey,
      sequenceNumber,
      data: Buffer.from(raw, 'utf8').toString('base64'),
      approximateArrivalTimestamp: ARRIVAL_EPOCH_SECONDS + position / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${SHARD_ID}:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::123456789012:role/clickstream-processor',
    awsRegion: 'us-east-1',
    eventSourceARN: STREAM_ARN,
  };
}

/** A Kinesis event with one record per spec, in the given (shard) order. */
export function kinesisEventOf(specs: readonly (RecordSpec | ClickstreamEvent)[]): KinesisStreamEvent {
  return {
    Records: specs.map((spec, position) => kinesisRecordOf('data' in spec ? spec : { data: spec }, position)),
  };
}
