/**
 * The JSON document Lambda sends to a Kinesis mapping's on-failure destination when it discards a
 * batch (AWS Lambda developer guide, "Retain discarded batch records for a Kinesis Data Streams event
 * source"). It carries metadata only: the records themselves must be re-read from the stream with
 * the shard id and sequence numbers, within retention.
 */
import { randomUUID } from 'node:crypto';
import type { DiscardCondition } from '../../lambda/batch-retry-policy';
import { arrivalEpochMsOf, sequenceNumberOf, type ShardRecord } from './kinesis-stream-event';

/** `KinesisBatchInfo`: where the discarded records are in the stream. */
export interface KinesisBatchInfo {
  readonly shardId: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
  readonly approximateArrivalOfFirstRecord: string;
  readonly approximateArrivalOfLastRecord: string;
  /** Kinesis records, as AWS counts them: a KPL aggregate is one, however many user records it carries. */
  readonly batchSize: number;
  readonly streamArn: string;
}

/** The whole on-failure record. */
export interface KinesisOnFailureRecord {
  readonly requestContext: {
    readonly requestId: string;
    readonly functionArn: string;
    readonly condition: DiscardCondition;
    readonly approximateInvokeCount: number;
  };
  readonly responseContext: {
    readonly statusCode: number;
    readonly executedVersion: string;
    /** Present when the last invocation threw (AWS writes `Unhandled`). */
    readonly functionError?: string;
  };
  readonly version: '1.0';
  readonly timestamp: string;
  readonly KinesisBatchInfo: KinesisBatchInfo;
}

/** What the runner knows about the discard. */
export interface DiscardDetails {
  /** Non-empty, consecutive records of one shard. */
  readonly records: readonly ShardRecord[];
  /** The stream ARN (also for an enhanced fan-out mapping: the batch lives in the stream). */
  readonly streamArn: string;
  readonly functionArn: string;
  readonly condition: DiscardCondition;
  readonly approximateInvokeCount: number;
  /** The last invocation threw (or answered with an invalid partial response). */
  readonly lastInvocationThrew: boolean;
  readonly discardedAt: Date;
}

/** Raised when asked to describe an empty discard: there is nothing to point at. Plain `Error`: only a bug raises it (exit 1). */
export class EmptyDiscardError extends Error {
  constructor(readonly streamArn: string) {
    super(`cannot build an on-failure record for an empty batch of ${streamArn}`);
    this.name = 'EmptyDiscardError';
  }
}

/** Builds the AWS-shaped on-failure record. */
export function buildOnFailureRecord(details: DiscardDetails): KinesisOnFailureRecord {
  const first = details.records[0];
  const last = details.records[details.records.length - 1];
  if (first === undefined || last === undefined) throw new EmptyDiscardError(details.streamArn);
  return {
    requestContext: {
      requestId: randomUUID(),
      functionArn: details.functionArn,
      condition: details.condition,
      approximateInvokeCount: details.approximateInvokeCount,
    },
    responseContext: {
      // The invoke call itself succeeds; a handler error is reported as a function error.
      statusCode: 200,
      executedVersion: '$LATEST',
      ...(details.lastInvocationThrew ? { functionError: 'Unhandled' } : {}),
    },
    version: '1.0',
    timestamp: details.discardedAt.toISOString(),
    KinesisBatchInfo: {
      shardId: first.shardId,
      startSequenceNumber: sequenceNumberOf(first),
      endSequenceNumber: sequenceNumberOf(last),
      approximateArrivalOfFirstRecord: new Date(arrivalEpochMsOf(first)).toISOString(),
      approximateArrivalOfLastRecord: new Date(arrivalEpochMsOf(last)).toISOString(),
      batchSize: details.records.length,
      streamArn: details.streamArn,
    },
  };
}
