import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { chunk } from '../../runtime/shared/chunk';
import { SQS_LIMITS } from '../../runtime/shared/aws-limits';

/** What SQS did with raw bodies. */
export interface RawSendResult {
  readonly accepted: number;
  /** SQS's reason for the first refused entry, if any. */
  readonly firstRefusal?: string;
}

/**
 * Sends message bodies as they are, 10 per SendMessageBatch: the way to put malformed jobs on the
 * queue for a run or a test, since enqueueEmails rightly refuses them.
 */
export async function sendRawBodies(sqs: SQSClient, queueUrl: string, bodies: readonly string[]): Promise<RawSendResult> {
  let accepted = 0;
  let firstRefusal: string | undefined;
  for (const batch of chunk(bodies, SQS_LIMITS.maxBatchEntries)) {
    const { Successful = [], Failed = [] } = await sqs.send(
      new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((body, index) => ({ Id: String(index), MessageBody: body })) }),
    );
    accepted += Successful.length;
    firstRefusal ??= Failed[0]?.Message;
  }
  return { accepted, ...(firstRefusal === undefined ? {} : { firstRefusal }) };
}
