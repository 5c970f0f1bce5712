/**
 * Drains the local DLQ into memory (the run owns it), keeping each message's body and the reason
 * the worker attached (`FailureReason`). Messages SQS itself redrove after maxReceiveCount carry
 * no worker attributes at all; they are reported as such. A worker copy whose reason the DLQ
 * refused still carries `SourceMessageId` (only the worker sets it), so it is never mistaken for one.
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { SQS_LIMITS } from '../../runtime/shared/aws-limits';
import { DEAD_LETTER_ATTRIBUTES } from '../../runtime/email-worker/message-disposition';

/** One dead-lettered message. */
export interface DeadLetter {
  readonly body: string;
  readonly reason: string;
}

/** Reason recorded for a message SQS moved after too many receives (the worker attached none). */
export const REDRIVEN_AFTER_MAX_RECEIVES = 'redriven by SQS after maxReceiveCount';
/** Reason recorded for a worker's copy sent without its FailureReason (the DLQ refused the attribute). */
const COPIED_WITHOUT_REASON = 'copied by the worker; reason dropped';


export class DeadLetterCollector {
  readonly collected: DeadLetter[] = [];

  constructor(
    private readonly sqs: SQSClient,
    private readonly deadLetterQueueUrl: string,
  ) {}

  /** Receives (without waiting) and deletes until the DLQ returns nothing. */
  async drain(): Promise<void> {
    for (;;) {
      const { Messages } = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.deadLetterQueueUrl,
          MaxNumberOfMessages: SQS_LIMITS.maxBatchEntries,
          WaitTimeSeconds: 0,
          MessageAttributeNames: ['All'],
        }),
      );
      if (Messages === undefined || Messages.length === 0) return;
      for (const message of Messages) {
        const attributes = message.MessageAttributes;
        const copiedByWorker = attributes?.[DEAD_LETTER_ATTRIBUTES.sourceMessageId] !== undefined;
        this.collected.push({
          body: message.Body ?? '',
          reason:
            attributes?.[DEAD_LETTER_ATTRIBUTES.reason]?.StringValue ??
            (copiedByWorker ? COPIED_WITHOUT_REASON : REDRIVEN_AFTER_MAX_RECEIVES),
        });
      }
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.deadLetterQueueUrl,
          Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
        }),
      );
    }
  }
}
