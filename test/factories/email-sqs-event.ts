import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';

let sequence = 0;

/** One SQS record shaped exactly like Lambda's SQS event source delivers it. */
export function anSqsRecord(options: { body: string; messageId?: string; receiveCount?: number }): SQSRecord {
  sequence += 1;
  const messageId = options.messageId ?? `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body: options.body,
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: '1795300000000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1795300000100',
    },
    messageAttributes: {},
    md5OfBody: 'd41d8cd98f00b204e9800998ecf8427e',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:email-jobs',
    awsRegion: 'us-east-1',
  };
}

/** An SQS event of the given records. */
export function anSqsEvent(records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

/** A Lambda context with `remainingMs` left. */
export function aLambdaContext(remainingMs = 30_000): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'email-worker',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:email-worker',
    memoryLimitInMB: '256',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: '/aws/lambda/email-worker',
    logStreamName: '2026/11/21/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => remainingMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
