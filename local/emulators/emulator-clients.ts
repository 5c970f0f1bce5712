/**
 * The one client configuration for the embedded emulators (fauxqs, dynalite, kinesis-local), used
 * by local/, bench/ and the tests: loopback endpoint, one region, dummy credentials, plus what a
 * particular emulator needs:
 * - Kinesis: HTTP/1.1 (`NodeHttpHandler`): kinesis-local's plain port does not speak the SDK's
 *   HTTP/2 default;
 * - S3 (fauxqs): path-style, since virtual-hosted names (`<bucket>.localhost`) need DNS tricks.
 * SQS needs nothing more: with an explicit endpoint the SDK never swaps in a queue URL's host.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** The region of every emulator client, handler and runner locally. */
export const EMULATOR_REGION = 'us-east-1';

/** Dummy credentials: the emulators accept any; the SDK needs some to sign with. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

/** What every emulator client gets. */
interface EmulatorClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** The base configuration for a client of the emulator at `endpoint`. */
function emulatorClientConfig(endpoint: string): EmulatorClientConfig {
  return { endpoint, region: EMULATOR_REGION, credentials: EMULATOR_CREDENTIALS };
}

/** An SQS client for fauxqs at `endpoint`. */
export function emulatorSqsClient(endpoint: string): SQSClient {
  return new SQSClient(emulatorClientConfig(endpoint));
}

/** An SNS client for fauxqs at `endpoint` (the same port as its SQS). */
export function emulatorSnsClient(endpoint: string): SNSClient {
  return new SNSClient(emulatorClientConfig(endpoint));
}

/** A path-style S3 client for fauxqs at `endpoint` (the same port as its SQS). */
export function emulatorS3Client(endpoint: string): S3Client {
  return new S3Client({ ...emulatorClientConfig(endpoint), forcePathStyle: true });
}

/** A DynamoDB client for dynalite at `endpoint`. */
export function emulatorDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient(emulatorClientConfig(endpoint));
}

/** Options of a Kinesis client. */
export interface EmulatorKinesisClientOptions {
  /** SDK attempts per call; 1 turns the SDK's own retries off (to observe raw throttling). @default 3 (the SDK's) */
  readonly maxAttempts?: number;
}

/** A Kinesis client (HTTP/1.1) for kinesis-local, or a proxy in front of it, at `endpoint`. */
export function emulatorKinesisClient(endpoint: string, options: EmulatorKinesisClientOptions = {}): KinesisClient {
  return new KinesisClient({
    ...emulatorClientConfig(endpoint),
    requestHandler: new NodeHttpHandler(),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  });
}

/** Emulator endpoints a process should reach through the SDK's default clients. */
export interface EmulatorEndpoints {
  /** @default not set */
  readonly sqs?: string;
  /** @default not set */
  readonly dynamoDb?: string;
  /** @default not set */
  readonly kinesis?: string;
}

/**
 * The same configuration as environment variables, for code that builds its own clients (a handler
 * loaded in-process, a worker or runner child process): region, dummy credentials and
 * `AWS_ENDPOINT_URL_<SERVICE>` (the SDK's own per-service endpoint variables) for each endpoint given.
 */
export function emulatorEnvironment(endpoints: EmulatorEndpoints): Record<string, string> {
  return {
    AWS_REGION: EMULATOR_REGION,
    AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
    ...(endpoints.sqs === undefined ? {} : { AWS_ENDPOINT_URL_SQS: endpoints.sqs }),
    ...(endpoints.dynamoDb === undefined ? {} : { AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamoDb }),
    ...(endpoints.kinesis === undefined ? {} : { AWS_ENDPOINT_URL_KINESIS: endpoints.kinesis }),
  };
}
