/**
 * What the local MSK event-source runner writes to the Kafka on-failure destination. Lambda writes
 * "the actual failed records along with failure metadata" (AWS Lambda developer guide, "Using a
 * Kafka topic as an on-failure destination",
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html). The guide does
 * not give the metadata's form, so the record keeps its key, value and headers, and the local
 * runner adds its own headers, named so nobody mistakes them for Lambda's:
 * - `local-esm-condition`: `RetryAttemptsExhausted` or `RecordAgeExceeded` (the conditions of
 *   Lambda's stream on-failure records);
 * - `local-esm-reason`: why the last invocation failed it (named in the partial batch response, or
 *   the function error);
 * - `local-esm-source`: `<topic>-<partition>-<offset>` of the original record.
 */
import type { MessageToProduce } from '@platformatic/kafka';
import { kafkaRecordName } from '../../runtime/kafka/sessionizer-lambda/msk-records';
import type { DiscardCondition } from '../lambda/batch-retry-policy';
import type { RawMessage } from './resilient-fetch';

/** The local metadata header names. */
export const DEAD_LETTER_HEADERS = {
  condition: 'local-esm-condition',
  reason: 'local-esm-reason',
  source: 'local-esm-source',
} as const;

/** Each record as it goes to `topic`, with the reason at the same index. */
export function deadLetterMessages(
  records: readonly RawMessage[],
  topic: string,
  condition: DiscardCondition,
  reasons: readonly string[],
): MessageToProduce<Buffer, Buffer, string, Buffer>[] {
  return records.map((message, index) => {
    // A plain object, not a Map: the client recognises a Map with `instanceof`, which fails when
    // the Map comes from another realm (Jest's sandbox), and the headers would be dropped.
    const headers: Record<string, Buffer> = Object.fromEntries([...message.headers].map(([name, value]) => [name.toString(), value]));
    headers[DEAD_LETTER_HEADERS.condition] = Buffer.from(condition);
    headers[DEAD_LETTER_HEADERS.reason] = Buffer.from(reasons[index] ?? 'failed');
    headers[DEAD_LETTER_HEADERS.source] = Buffer.from(kafkaRecordName({ ...message, offset: Number(message.offset) }));
    return { topic, ...(message.key === undefined || message.key === null ? {} : { key: message.key }), value: message.value ?? Buffer.alloc(0), headers };
  });
}
