/**
 * Builds Lambda MSK events shaped like AWS's: records grouped under `<topic>-<partition>`, offsets
 * increasing per partition, base64 key and value, CREATE_TIME timestamps in epoch milliseconds.
 */
import type { MSKEvent, MSKRecord } from 'aws-lambda';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import { KAFKA_TOPICS } from '../../runtime/kafka/kafka-names';

/** One record: a clickstream event or raw text (poison), with optional placement. */
export interface MskRecordSpec {
  readonly value: ClickstreamEvent | string;
  /** @default the event's userId, or `raw-key` for raw text; null for a record without key */
  readonly key?: string | null;
  /** @default 0 */
  readonly partition?: number;
  /** @default increasing per partition from 100 */
  readonly offset?: number;
}

const CLUSTER_ARN = 'arn:aws:kafka:us-east-1:123456789012:cluster/clickstream/11111111-2222-3333-4444-555555555555-1';

/** An MSK event with one record per spec (order kept within each partition). */
export function mskEventOf(specs: readonly (MskRecordSpec | ClickstreamEvent)[]): MSKEvent {
  const records: Record<string, MSKRecord[]> = {};
  const nextOffset = new Map<number, number>();
  for (const entry of specs) {
    const spec: MskRecordSpec = 'value' in entry ? entry : { value: entry };
    const partition = spec.partition ?? 0;
    const offset = spec.offset ?? nextOffset.get(partition) ?? 100;
    nextOffset.set(partition, offset + 1);
    const raw = typeof spec.value === 'string' ? spec.value : JSON.stringify(spec.value);
    const key = spec.key === undefined ? (typeof spec.value === 'string' ? 'raw-key' : spec.value.userId) : spec.key;
    const record = {
      topic: KAFKA_TOPICS.clickstream,
      partition,
      offset,
      timestamp: 1_795_000_000_000 + offset,
      timestampType: 'CREATE_TIME',
      ...(key === null ? {} : { key: Buffer.from(key, 'utf8').toString('base64') }),
      value: Buffer.from(raw, 'utf8').toString('base64'),
      headers: [],
    } as MSKRecord;
    (records[`${KAFKA_TOPICS.clickstream}-${partition}`] ??= []).push(record);
  }
  return {
    eventSource: 'aws:kafka',
    eventSourceArn: CLUSTER_ARN,
    bootstrapServers: 'b-1.clickstream.abcdef.c2.kafka.us-east-1.amazonaws.com:9098',
    records,
  };
}
