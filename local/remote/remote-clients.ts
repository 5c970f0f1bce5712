/**
 * The AWS clients of a remote run, all pointed at one target. Not runtime code: the producers this
 * run drives (`enqueueEmails`, `ClickstreamProducer`) take these clients as options, so the
 * process environment is never rewritten to steer runtime/shared/aws-clients.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { RemoteConnection } from './remote-target';

/** Every client a remote run uses; `destroy()` closes their sockets. */
export interface RemoteClients {
  readonly cloudFormation: CloudFormationClient;
  readonly sqs: SQSClient;
  readonly dynamoDb: DynamoDBDocumentClient;
  readonly kinesis: KinesisClient;
  readonly s3: S3Client;
  readonly cloudWatch: CloudWatchClient;
  destroy(): void;
}

/** Creates the clients for `connection`. */
export function createRemoteClients(connection: RemoteConnection): RemoteClients {
  const config = {
    ...(connection.endpoint === undefined ? {} : { endpoint: connection.endpoint }),
    ...(connection.region === undefined ? {} : { region: connection.region }),
    ...(connection.credentials === undefined ? {} : { credentials: connection.credentials }),
  };
  const rawDynamoDb = new DynamoDBClient(config);
  const clients = {
    cloudFormation: new CloudFormationClient(config),
    // Requests go to the configured endpoint, not the host in a QueueUrl: LocalStack hands out
    // `sqs.<region>.localhost.localstack.cloud` URLs, which need DNS this run should not depend on.
    sqs: new SQSClient({ ...config, useQueueUrlAsEndpoint: false }),
    dynamoDb: DynamoDBDocumentClient.from(rawDynamoDb),
    // HTTP/1.1 is enough for PutRecords/GetRecords (only SubscribeToShard needs HTTP/2).
    kinesis: new KinesisClient({ ...config, requestHandler: new NodeHttpHandler() }),
    // Path-style addressing against a single endpoint: bucket subdomains of 127.0.0.1 do not resolve.
    s3: new S3Client({ ...config, forcePathStyle: connection.endpoint !== undefined }),
    cloudWatch: new CloudWatchClient(config),
  };
  return {
    ...clients,
    destroy: () => {
      for (const client of [clients.cloudFormation, clients.sqs, rawDynamoDb, clients.kinesis, clients.s3, clients.cloudWatch]) client.destroy();
    },
  };
}
