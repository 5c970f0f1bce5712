import { ChangeMessageVisibilityBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { chunk } from '../chunk';
import { SQS_LIMITS } from '../aws-limits';

/** One message whose visibility timeout is to be set. */
export interface VisibilityChange {
  readonly receiptHandle: string;
  /** New visibility timeout from now; 0 makes the message receivable at once. */
  readonly visibilityTimeoutSeconds: number;
}

/**
 * Sets visibility timeouts with ChangeMessageVisibilityBatch, 10 per call (the SQS batch limit).
 * Every call is sent before the first await, so a caller that chose `changes` synchronously knows
 * nothing goes out for an entry it left out, however long the calls take. Returns how many entries
 * SQS refused (such a message just keeps its current timeout).
 */
export async function changeVisibilityInBatches(
  sqs: SQSClient,
  queueUrl: string,
  changes: readonly VisibilityChange[],
): Promise<number> {
  const calls = chunk(changes, SQS_LIMITS.maxBatchEntries).map((group) =>
    sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: group.map((change, index) => ({
          Id: String(index),
          ReceiptHandle: change.receiptHandle,
          VisibilityTimeout: change.visibilityTimeoutSeconds,
        })),
      }),
    ),
  );
  const results = await Promise.all(calls);
  return results.reduce((refused, result) => refused + (result.Failed?.length ?? 0), 0);
}
