/**
 * One received SQS message as a job sees it, whichever runtime received it: the poller (an SDK
 * `Message`) or the Lambda SQS event source (an `SQSRecord`).
 */
import type { Message } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';

/** What a job needs to know about one received message. */
export interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
  /** Handle for ChangeMessageVisibility / DeleteMessage. */
  readonly receiptHandle: string;
  /** SQS `ApproximateReceiveCount` (1 on the first delivery). */
  readonly receiveCount: number;
}

/** The fields of a message received with the SDK (ReceiveMessage). */
export function queuedMessageFromSqs(message: Message): QueuedMessage {
  return {
    messageId: message.MessageId ?? '',
    body: message.Body ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? '1'),
  };
}

/** The fields of a Lambda SQS event record. */
export function queuedMessageFromRecord(record: SQSRecord): QueuedMessage {
  return {
    messageId: record.messageId,
    body: record.body,
    receiptHandle: record.receiptHandle,
    receiveCount: Number(record.attributes.ApproximateReceiveCount ?? '1'),
  };
}
