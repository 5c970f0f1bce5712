/**
 * Reading an MSK event: Lambda groups records by `<topic>-<partition>`, each group in offset order
 * (AWS Lambda developer guide, "Using Lambda with Amazon MSK", example event). Key and value are
 * base64-encoded.
 */
import type { MSKEvent, MSKRecord } from 'aws-lambda';

/**
 * The `itemIdentifier` of a record in a Kafka partial batch response: `<topic>-<partition>-<offset>`
 * (the identifier the Kafka event source's ReportBatchItemFailures reads; as Powertools and middy
 * build it for `aws:kafka` events).
 */
export function kafkaItemIdentifier(record: Pick<MSKRecord, 'topic' | 'partition' | 'offset'>): string {
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
