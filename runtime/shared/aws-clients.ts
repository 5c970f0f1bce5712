/**
 * The one place runtime code gets its AWS clients.
 *
 * Endpoints come from the SDK's own standard variables: `AWS_ENDPOINT_URL` for every service, or
 * `AWS_ENDPOINT_URL_SQS`, `AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_KINESIS`, `AWS_ENDPOINT_URL_SESV2` for one. No custom
 * flags: the same code runs in AWS, against LocalStack and against the embedded emulators.
 * Clients are created once per process (reused across Lambda invocations).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';

let sqs: SQSClient | undefined;
let dynamo: DynamoDBClient | undefined;
let dynamoDocument: DynamoDBDocumentClient | undefined;
let kinesis: KinesisClient | undefined;
let sesV2: SESv2Client | undefined;

/**
 * Shared SQS client. Requests go to the resolved endpoint (regional, or AWS_ENDPOINT_URL*), not to
 * the host inside a QueueUrl: this app's queues live in its own region, and emulators hand out
 * URLs whose host is not their endpoint (fauxqs answers `http://sqs.<region>.127.0.0.1:<port>/…`).
 */
export function sqsClient(): SQSClient {
  sqs ??= new SQSClient({ useQueueUrlAsEndpoint: false });
  return sqs;
}

/** Shared low-level DynamoDB client (Powertools idempotency takes this one). */
export function dynamoDbClient(): DynamoDBClient {
  dynamo ??= new DynamoDBClient({});
  return dynamo;
}

/** Shared DynamoDB document client (plain JS values instead of attribute maps). */
export function dynamoDbDocumentClient(): DynamoDBDocumentClient {
  dynamoDocument ??= DynamoDBDocumentClient.from(dynamoDbClient(), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return dynamoDocument;
}

/**
 * Shared Kinesis client. HTTP/1.1 (`NodeHttpHandler`): data-plane calls other than SubscribeToShard
 * do not need HTTP/2, and kinesis-mock's plain port only speaks HTTP/1.1.
 */
export function kinesisClient(): KinesisClient {
  kinesis ??= new KinesisClient({ requestHandler: new NodeHttpHandler() });
  return kinesis;
}

/** SES v2 connection timeout: a healthy regional endpoint accepts a TCP connection in milliseconds. */
const SES_CONNECTION_TIMEOUT_MS = 5_000;

/**
 * Shared SES v2 client (nodemailer's SES transport sends through it). The SDK sets no request
 * timeout by default, so a hung send would outlive the job timeout and its idempotency lease;
 * `requestTimeoutMs` (the job timeout) bounds it. The first caller's timeout wins.
 */
export function sesV2Client(options: { readonly requestTimeoutMs?: number } = {}): SESv2Client {
  sesV2 ??= new SESv2Client({
    requestHandler: new NodeHttpHandler({ connectionTimeout: SES_CONNECTION_TIMEOUT_MS, requestTimeout: options.requestTimeoutMs }),
  });
  return sesV2;
}
