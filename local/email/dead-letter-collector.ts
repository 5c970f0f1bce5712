/**
 * Reads this run's messages in the DLQ, keeping each message's body and the reason the worker
 * attached (`FailureReason`). Messages SQS itself redrove after maxReceiveCount carry no worker
 * attributes at all; they are reported as such. A worker copy whose reason the DLQ refused still
 * carries `SourceMessageId` (only the worker sets it), so it is never mistaken for one. The DLQ may
 * be shared (a deployed stack), so only messages naming this run are taken; each is counted once.
 */
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { DEAD_LETTER_ATTRIBUTES } from '../../runtime/email-worker/message-disposition';
import { inspectQueue } from '../target/queue-inspection';

/** One dead-lettered message. */
export interface DeadLetter {
  readonly body: string;
  readonly reason: string;
}

/** Reason recorded for a message SQS moved after too many receives (the worker attached none). */
export const REDRIVEN_AFTER_MAX_RECEIVES = 'redriven by SQS after maxReceiveCount';
/** Reason recorded for a worker's copy sent without its FailureReason (the DLQ refused the attribute). */
const COPIED_WITHOUT_REASON = 'copied by the worker; reason dropped';

/** The dead letter a DLQ message stands for. */
export function deadLetterOf(message: Message): DeadLetter {
  const attributes = message.MessageAttributes;
  const copiedByWorker = attributes?.[DEAD_LETTER_ATTRIBUTES.sourceMessageId] !== undefined;
  return {
    body: message.Body ?? '',
    reason: attributes?.[DEAD_LETTER_ATTRIBUTES.reason]?.StringValue ?? (copiedByWorker ? COPIED_WITHOUT_REASON : REDRIVEN_AFTER_MAX_RECEIVES),
  };
}

/** Where the DLQ is and how to treat what is found there. */
export interface DeadLetterCollectorOptions {
  readonly sqs: SQSClient;
  readonly deadLetterQueueUrl: string;
  /** Text every message of this run contains (its run id). */
  readonly runMarker: string;
  /** Delete this run's messages once counted; otherwise release them for a look. */
  readonly deleteOurs: boolean;
  /** Long-poll wait of each receive. @default 2 */
  readonly receiveWaitSeconds?: number;
}

export class DeadLetterCollector {
  private readonly byMessageId = new Map<string, DeadLetter>();

  constructor(private readonly options: DeadLetterCollectorOptions) {}

  /** Every dead letter of this run seen so far. */
  get collected(): DeadLetter[] {
    return [...this.byMessageId.values()];
  }

  /** Receives until the DLQ shows nothing more, keeping this run's messages. */
  async drain(): Promise<void> {
    const { ours } = await inspectQueue({
      sqs: this.options.sqs,
      queueUrl: this.options.deadLetterQueueUrl,
      isOurs: (message) => (message.Body ?? '').includes(this.options.runMarker),
      deleteOurs: this.options.deleteOurs,
      receiveWaitSeconds: this.options.receiveWaitSeconds,
    });
    for (const message of ours) this.byMessageId.set(message.MessageId ?? `${this.byMessageId.size}`, deadLetterOf(message));
  }
}
