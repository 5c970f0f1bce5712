import { PermanentJobError } from '../../../runtime/email-worker/errors';
import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import {
  classifyFailure,
  DEAD_LETTER_ATTRIBUTES,
  MessageDisposition,
} from '../../../runtime/email-worker/message-disposition';
import { recordingSqsClient } from '../../factories/email-fakes';

function smtpError(code: string, responseCode: number): Error {
  return Object.assign(new Error(`SMTP ${responseCode}`), { code, responseCode });
}

describe('classifyFailure', () => {
  it.each([
    ['a malformed job', new PermanentJobError('m-1', 'malformed JSON'), 'permanent'],
    ['an SMTP 550 recipient refusal', smtpError('EENVELOPE', 550), 'permanent'],
    ['an SMTP 554 refusal of the message at DATA', smtpError('EMESSAGE', 554), 'permanent'],
    ['a jobId reused for a different email', new IdempotencyValidationError('payload differs'), 'permanent'],
    ['SES refusing the message', Object.assign(new Error('rejected'), { name: 'MessageRejected' }), 'permanent'],
    ['SES refusing a bad request', Object.assign(new Error('bad'), { name: 'BadRequestException' }), 'permanent'],
    [
      'SES with an unverified MAIL FROM domain',
      Object.assign(new Error('unverified'), { name: 'MailFromDomainNotVerifiedException' }),
      'permanent',
    ],
    ['an SMTP 451 deferral', smtpError('EENVELOPE', 451), 'transient'],
    ['a dropped connection', smtpError('ECONNECTION', 0), 'transient'],
    ['SES throttling', Object.assign(new Error('slow down'), { name: 'TooManyRequestsException' }), 'transient'],
    ['an idempotency record still in progress', new IdempotencyAlreadyInProgressError('in progress'), 'transient'],
    ['a thrown string', 'boom', 'transient'],
  ])('%s is %s', (_label, error, expected) => {
    expect(classifyFailure(error)).toBe(expected);
  });
});

describe('MessageDisposition.settleFailure', () => {
  const message = { messageId: 'm-9', body: '{bad', receiptHandle: 'rh-9', receiveCount: 3 };

  function disposition(options: { failWith?: Error } = {}) {
    const sqs = recordingSqsClient(() => {
      if (options.failWith !== undefined) throw options.failWith;
      return {};
    });
    const subject = new MessageDisposition({
      sqs: sqs.client,
      queueUrl: 'https://queue',
      deadLetterQueueUrl: 'https://dlq',
      retryBaseDelaySeconds: 5,
    });
    return { subject, commands: sqs.commands };
  }

  it('copies a permanent failure to the DLQ with its reason and source id', async () => {
    // Prepare
    const { subject, commands } = disposition();
    // Act
    const outcome = await subject.settleFailure(message, new PermanentJobError('m-9', 'malformed JSON'));
    // Assert
    expect(outcome).toEqual({ kind: 'dead-lettered', reason: 'malformed JSON' });
    expect(commands).toEqual([
      {
        name: 'SendMessageCommand',
        input: {
          QueueUrl: 'https://dlq',
          MessageBody: '{bad',
          MessageAttributes: {
            [DEAD_LETTER_ATTRIBUTES.reason]: { DataType: 'String', StringValue: 'malformed JSON' },
            [DEAD_LETTER_ATTRIBUTES.sourceMessageId]: { DataType: 'String', StringValue: 'm-9' },
          },
        },
      },
    ]);
  });

  it('sends the DLQ copy again without the reason when the copy with it is refused: the job is never lost', async () => {
    // Prepare: the first SendMessage (with FailureReason) is refused, the second is accepted
    let sends = 0;
    const sqs = recordingSqsClient(() => {
      sends += 1;
      if (sends === 1) throw Object.assign(new Error('Invalid attribute value'), { name: 'InvalidParameterValue' });
      return {};
    });
    const subject = new MessageDisposition({ sqs: sqs.client, queueUrl: 'https://queue', deadLetterQueueUrl: 'https://dlq', retryBaseDelaySeconds: 5 });
    // Act
    const outcome = await subject.settleFailure(message, new PermanentJobError('m-9', 'malformed JSON'));
    // Assert
    expect(outcome).toEqual({ kind: 'dead-lettered', reason: 'malformed JSON', reasonDropped: 'Invalid attribute value' });
    expect(sqs.commands.map((command) => Object.keys(command.input.MessageAttributes as object))).toEqual([
      [DEAD_LETTER_ATTRIBUTES.reason, DEAD_LETTER_ATTRIBUTES.sourceMessageId],
      [DEAD_LETTER_ATTRIBUTES.sourceMessageId],
    ]);
  });

  it('throws when the DLQ refuses the copy without the reason too (the message stays on the queue)', async () => {
    // Prepare
    const { subject, commands } = disposition({ failWith: new Error('QueueDoesNotExist') });
    // Act
    const settle = subject.settleFailure(message, new PermanentJobError('m-9', 'malformed JSON'));
    // Assert
    await expect(settle).rejects.toThrow('QueueDoesNotExist');
    expect(commands).toHaveLength(2);
  });

  it('delays a transient failure by the exponential backoff of its receive count', async () => {
    // Prepare
    const { subject, commands } = disposition();
    // Act
    const outcome = await subject.settleFailure(message, new Error('connection reset'));
    // Assert: third receive, base 5 s → 20 s
    expect(outcome).toEqual({ kind: 'retry-scheduled', reason: 'connection reset', delaySeconds: 20 });
    expect(commands).toEqual([
      { name: 'ChangeMessageVisibilityCommand', input: { QueueUrl: 'https://queue', ReceiptHandle: 'rh-9', VisibilityTimeout: 20 } },
    ]);
  });

  it('reports, instead of hiding, a backoff that SQS refused', async () => {
    // Prepare
    const { subject } = disposition({ failWith: new Error('ReceiptHandleIsInvalid') });
    // Act
    const outcome = await subject.settleFailure(message, new Error('connection reset'));
    // Assert: still a scheduled retry (the visibility timeout brings it back), with the reason kept
    expect(outcome).toEqual({ kind: 'retry-scheduled', reason: 'connection reset', delaySeconds: 20, backoffError: 'ReceiptHandleIsInvalid' });
  });
});
