/** Turns messages from ReceiveMessage into the `SQSRecord`s Lambda's SQS event source delivers. */
import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSMessageAttribute, SQSRecord, SQSRecordAttributes } from 'aws-lambda';

/** Where the records come from. */
export interface SqsEventOrigin {
  readonly queueArn: string;
  readonly region: string;
}

function lambdaAttribute(value: MessageAttributeValue): SQSMessageAttribute {
  return {
    dataType: value.DataType ?? 'String',
    stringValue: value.StringValue,
    // Lambda delivers binary attribute values base64-encoded.
    binaryValue: value.BinaryValue === undefined ? undefined : Buffer.from(value.BinaryValue).toString('base64'),
    stringListValues: [],
    binaryListValues: [],
  };
}

/** One record, field for field as Lambda builds it (camelCase keys, string attribute values). */
export function sqsRecordFrom(message: Message, origin: SqsEventOrigin): SQSRecord {
  const system = message.Attributes ?? {};
  const attributes: SQSRecordAttributes = {
    ApproximateReceiveCount: system['ApproximateReceiveCount'] ?? '1',
    SentTimestamp: system['SentTimestamp'] ?? '',
    SenderId: system['SenderId'] ?? '',
    ApproximateFirstReceiveTimestamp: system['ApproximateFirstReceiveTimestamp'] ?? '',
    ...(system['AWSTraceHeader'] === undefined ? {} : { AWSTraceHeader: system['AWSTraceHeader'] }),
    ...(system['MessageGroupId'] === undefined ? {} : { MessageGroupId: system['MessageGroupId'] }),
    ...(system['MessageDeduplicationId'] === undefined ? {} : { MessageDeduplicationId: system['MessageDeduplicationId'] }),
    ...(system['SequenceNumber'] === undefined ? {} : { SequenceNumber: system['SequenceNumber'] }),
  };
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes,
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, lambdaAttribute(value)]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes === undefined ? {} : { md5OfMessageAttributes: message.MD5OfMessageAttributes }),
    eventSource: 'aws:sqs',
    eventSourceARN: origin.queueArn,
    awsRegion: origin.region,
  };
}
