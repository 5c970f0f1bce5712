/**
 * Reading an MSK event: Lambda groups records by `<topic>-<partition>`, each group in offset order
 * (AWS Lambda developer guide, "Using Lambda with Amazon MSK", example event). Key and value are
 * base64-encoded.
 */
import type { MSKEvent, MSKRecord } from 'aws-lambda';

/**
 * The `itemIdentifier` of a failed record in a Kafka partial batch response: an object naming the
 * record's `<topic>-<partition>` (the key of `event.records`) and its offset, not the bare string
 * that SQS, Kinesis and DynamoDB take. Lambda offers the partial batch response for Kafka event
 * sources in provisioned mode ("Configuring error handling controls for Kafka event sources",
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html). The stored copies
 * of that page read here stop before its syntax, so the shape is the one Powertools for AWS Lambda
 * (Python, `KafkaItemIdentifier`: `partition`, `offset`) and aws-lambda-rust-runtime
 * (`KafkaItemIdentifier`, pull request 1164) send.
 */
export interface KafkaItemIdentifier {
  /** `<topic>-<partition>`, as the event groups its records. */
  readonly partition: string;
  readonly offset: number;
}

/** The partial batch response of a Kafka event source mapping with ReportBatchItemFailures. */
export interface KafkaBatchResponse {
  readonly batchItemFailures: { readonly itemIdentifier: KafkaItemIdentifier }[];
}

type RecordPosition = Pick<MSKRecord, 'topic' | 'partition' | 'offset'>;

/** The identifier to report for `record`. */
export function kafkaItemIdentifier(record: RecordPosition): KafkaItemIdentifier {
  return { partition: `${record.topic}-${record.partition}`, offset: record.offset };
}

/** A record's position as one string, `<topic>-<partition>-<offset>`: for logs, headers and maps. */
export function kafkaRecordName(record: RecordPosition): string {
  return `${record.topic}-${record.partition}-${record.offset}`;
}

/** Every record of the event, partition after partition, each partition in offset order. */
export function recordsInPartitionOrder(event: MSKEvent): MSKRecord[] {
  return Object.values(event.records).flatMap((records) => [...records].sort((a, b) => a.offset - b.offset));
}

/** The record's key as text (the producer keys by `userId`); undefined for a null key. */
export function recordKey(record: MSKRecord): string | undefined {
  // A null Kafka key arrives without `key` (the field is optional in practice despite the type).
  const key = record.key as string | undefined;
  return key === undefined || key === null ? undefined : Buffer.from(key, 'base64').toString('utf8');
}
