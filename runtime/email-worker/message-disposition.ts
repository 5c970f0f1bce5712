/**
 * What happens to a message whose job failed, shared by the Lambda adapter and the Fargate worker:
 * permanent failures go to the DLQ at once (with their reason); transient ones are retried later
 * with exponential backoff, until SQS's own redrive moves them to the DLQ after maxReceiveCount.
 */
import { IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import { ChangeMessageVisibilityCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { retryDelaySeconds } from './retry-delay';
import { deadLetterAttributes, sanitizeFailureReason } from './dead-letter-attributes';
import { isFifoQueueUrl } from '../shared/sqs-poller/fifo-queue';
import { PermanentJobError } from './errors';
import type { QueuedMessage } from '../shared/sqs-poller/queued-message';

export { DEAD_LETTER_ATTRIBUTES } from './dead-letter-attributes';

/** A failure is either worth retrying or not. */
export type FailureKind = 'permanent' | 'transient';

/** SMTP replies from 500 up are permanent (RFC 5321 §4.2.1); 4xx ask the client to try again. */
const FIRST_PERMANENT_SMTP_CODE = 500;
/**
 * SES v2 SendEmail errors that no retry can fix: `MessageRejected` (the content), `BadRequestException`
 * (an invalid request, e.g. a malformed address) and `MailFromDomainNotVerifiedException` (the
 * custom MAIL FROM domain is not verified). Throttling, limits and service errors stay transient.
 */
const PERMANENT_SES_ERRORS = new Set(['MessageRejected', 'BadRequestException', 'MailFromDomainNotVerifiedException']);

/** nodemailer error codes for a refusal of the envelope (RCPT/MAIL) or of the message (DATA). */
const SMTP_REFUSAL_CODES = new Set(['EENVELOPE', 'EMESSAGE']);

/**
 * Permanent: a malformed job, a jobId reused for a different email, an SMTP 5xx refusal of the
 * envelope or of the message, or SES refusing the request itself. Everything else (SMTP 4xx,
 * throttling, network, an idempotency record still in progress) is transient.
 */
export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof PermanentJobError || error instanceof IdempotencyValidationError) return 'permanent';
  if (typeof error !== 'object' || error === null) return 'transient';
  const { code, responseCode, name } = error as { code?: unknown; responseCode?: unknown; name?: unknown };
  if (typeof code === 'string' && SMTP_REFUSAL_CODES.has(code) && typeof responseCode === 'number' && responseCode >= FIRST_PERMANENT_SMTP_CODE) {
    return 'permanent';
  }
  if (typeof name === 'string' && PERMANENT_SES_ERRORS.has(name)) return 'permanent';
  return 'transient';
}

/** The reason recorded for a failure, safe to store as a DLQ attribute (see sanitizeFailureReason). */
export function failureReason(error: unknown): string {
  const reason = error instanceof PermanentJobError ? error.reason : error instanceof Error ? error.message : String(error);
  return sanitizeFailureReason(reason);
}

/** Where failed messages go. */
export interface MessageDispositionOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  /** First retry delay; doubles per receive. */
  readonly retryBaseDelaySeconds: number;
}

/** What was done with a failed message. */
export type FailureOutcome =
  | {
      readonly kind: 'dead-lettered';
      readonly reason: string;
      /** Why the copy with the reason was refused; the copy was then sent without it (the reason is logged). */
      readonly reasonDropped?: string;
    }
  | {
      readonly kind: 'retry-scheduled';
      readonly reason: string;
      readonly delaySeconds: number;
      /** Why the backoff could not be set; the message then returns after its current visibility timeout. */
      readonly backoffError?: string;
    };

/** Settles failed messages: DLQ now, or retry later. */
export class MessageDisposition {
  constructor(private readonly options: MessageDispositionOptions) {}

  /**
   * Permanent: copies the message to the DLQ with its reason; the caller then deletes it from the
   * source queue (it is done). Transient: sets its visibility to the backoff delay; the caller
   * leaves it on the queue. A DLQ send refused with the reason is sent again without it (the job
   * matters more than its label); if that fails too it throws (the message stays and is retried).
   */
  async settleFailure(message: QueuedMessage, error: unknown): Promise<FailureOutcome> {
    const reason = failureReason(error);
    if (classifyFailure(error) === 'permanent') {
      try {
        await this.copyToDeadLetterQueue(message, reason, true);
        return { kind: 'dead-lettered', reason };
      } catch (withReasonError) {
        await this.copyToDeadLetterQueue(message, reason, false);
        return { kind: 'dead-lettered', reason, reasonDropped: failureReason(withReasonError) };
      }
    }
    const delaySeconds = retryDelaySeconds({
      receiveCount: message.receiveCount,
      baseDelaySeconds: this.options.retryBaseDelaySeconds,
    });
    try {
      await this.options.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: this.options.queueUrl,
          ReceiptHandle: message.receiptHandle,
          VisibilityTimeout: delaySeconds,
        }),
      );
    } catch (error) {
      // Not fatal: the message simply comes back after its current visibility timeout instead.
      return { kind: 'retry-scheduled', reason, delaySeconds, backoffError: failureReason(error) };
    }
    return { kind: 'retry-scheduled', reason, delaySeconds };
  }

  private async copyToDeadLetterQueue(message: QueuedMessage, reason: string, withReason: boolean): Promise<void> {
    await this.options.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.options.deadLetterQueueUrl,
        MessageBody: message.body,
        MessageAttributes: deadLetterAttributes(message.messageId, reason, withReason),
        // A FIFO DLQ requires both ids. Each dead letter is its own group: it has already left its
        // source group's order, and one group per message lets a redrive move them in parallel.
        // The source message id as deduplication id: a retried copy within 5 minutes is dropped.
        ...(isFifoQueueUrl(this.options.deadLetterQueueUrl)
          ? { MessageGroupId: message.messageId, MessageDeduplicationId: message.messageId }
          : {}),
      }),
    );
  }
}
