/**
 * Matches the deployed processor's on-failure records (Lambda's `KinesisBatchInfo` metadata: shard
 * and sequence-number range, no data) to this run's records.
 */
import type { Message } from '@aws-sdk/client-sqs';
import type { KinesisOnFailureRecord } from '../clickstream/kinesis-event-source/on-failure-record';

/** A record located in the stream. */
export interface StreamPosition {
  readonly shardId: string;
  readonly sequenceNumber: string;
}

/** The on-failure record a message carries, or undefined when its body is not one. */
export function parseOnFailureMessage(message: Message): KinesisOnFailureRecord | undefined {
  try {
    const parsed = JSON.parse(message.Body ?? '') as Partial<KinesisOnFailureRecord>;
    const info = parsed.KinesisBatchInfo;
    return info !== undefined && typeof info.shardId === 'string' && typeof info.startSequenceNumber === 'string' && typeof info.endSequenceNumber === 'string'
      ? (parsed as KinesisOnFailureRecord)
      : undefined;
  } catch {
    return undefined;
  }
}

/** True when the discarded batch of `failure` includes `position`. */
export function coversPosition(failure: KinesisOnFailureRecord, position: StreamPosition): boolean {
  const info = failure.KinesisBatchInfo;
  const sequence = BigInt(position.sequenceNumber);
  return info.shardId === position.shardId && BigInt(info.startSequenceNumber) <= sequence && sequence <= BigInt(info.endSequenceNumber);
}

/** True when `message` is an on-failure record covering any of `positions`. */
export function coversAnyPosition(message: Message, positions: readonly StreamPosition[]): boolean {
  const failure = parseOnFailureMessage(message);
  return failure !== undefined && positions.some((position) => coversPosition(failure, position));
}
