/** Which ReceiveMessage failures stop the poller: the SDK's classification plus the SQS names it does not know. */
import { OverLimit, QueueDoesNotExist, SQSServiceException } from '@aws-sdk/client-sqs';
import { isNonRetryableReceiveError, NonRetryableReceiveError } from '../../../runtime/shared/sqs-poller/receive-errors';

const clientFault = (name: string, extra: Record<string, unknown> = {}): SQSServiceException =>
  Object.assign(new SQSServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: 400 }, message: name }), extra);

describe('isNonRetryableReceiveError', () => {
  it.each([
    ['OverLimit (the in-flight limit)', new OverLimit({ message: 'too many in flight', $metadata: { httpStatusCode: 403 } })],
    ['KMS.ThrottlingException', clientFault('KMS.ThrottlingException')],
    ['ExpiredToken', clientFault('ExpiredToken')],
    ['ThrottlingException (the SDK knows it)', clientFault('ThrottlingException')],
    ['a clock skew the SDK corrected', clientFault('SignatureDoesNotMatch', { $metadata: { httpStatusCode: 403, clockSkewCorrected: true } })],
    ['an error the service marked retryable', clientFault('SomethingNew', { $retryable: {} })],
  ])('retries %s', (_label, error) => {
    expect(isNonRetryableReceiveError(error)).toBe(false);
  });

  it.each([
    ['QueueDoesNotExist', new QueueDoesNotExist({ message: 'no queue', $metadata: { httpStatusCode: 400 } })],
    ['the query-protocol code of a missing queue', clientFault('QueueDoesNotExist', { Code: 'AWS.SimpleQueueService.NonExistentQueue' })],
    ['AccessDeniedException', clientFault('AccessDeniedException')],
  ])('stops on %s', (_label, error) => {
    expect(isNonRetryableReceiveError(error)).toBe(true);
  });
});

describe('NonRetryableReceiveError', () => {
  it('names the queue and the SDK error, and keeps the cause', () => {
    const cause = clientFault('KmsAccessDenied');

    const error = new NonRetryableReceiveError('https://queue', cause);

    expect(error).toMatchObject({ name: 'NonRetryableReceiveError', errorName: 'KmsAccessDenied', queueUrl: 'https://queue', cause });
    expect(error.message).toBe('receiving from https://queue failed with KmsAccessDenied, which retrying cannot fix: KmsAccessDenied');
  });
});
