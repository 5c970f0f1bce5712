/** The `MSKEvent` Lambda builds from a batch of raw Kafka records: records grouped by `<topic>-<partition>`, key and value Base64. */
import type { MSKEvent, MSKRecord } from 'aws-lambda';
import type { RawMessage } from './resilient-fetch';

function toMskRecord(message: RawMessage): MSKRecord {
  return {
    topic: message.topic,
    partition: message.partition,
    offset: Number(message.offset),
    timestamp: Number(message.timestamp),
    timestampType: 'CREATE_TIME',
    key: message.key?.toString('base64') ?? (undefined as unknown as string),
    value: (message.value ?? Buffer.alloc(0)).toString('base64'),
    headers: [...message.headers].map(([name, value]) => ({ [name.toString()]: [...value] })),
  };
}

/** The event for `records`, as the mapping of `eventSourceArn` on `bootstrapServers` sends it. */
export function toMskEvent(records: readonly RawMessage[], eventSourceArn: string, bootstrapServers: readonly string[]): MSKEvent {
  const grouped: Record<string, MSKRecord[]> = {};
  for (const message of records) (grouped[`${message.topic}-${message.partition}`] ??= []).push(toMskRecord(message));
  return { eventSource: 'aws:kafka', eventSourceArn, bootstrapServers: bootstrapServers.join(','), records: grouped };
}
