import { setTimeout as sleep } from 'node:timers/promises';
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { waitForActiveTable } from '../../local/provisioning/wait-for-active-table';
import type { EmailWorkerSettings } from '../../runtime/email-worker/load-settings';
import { anEmailWorkerSettings } from './email-settings';

let sequence = 0;

/** A queue with its DLQ (redrive after `maxReceiveCount`) and an idempotency table, all freshly named. */
export async function createEmailWorkerResources(
  clients: { sqs: SQSClient; dynamoDb: DynamoDBClient },
  options: { visibilityTimeoutSeconds?: number; maxReceiveCount?: number; maximumMessageSize?: number } = {},
): Promise<{ queueUrl: string; deadLetterQueueUrl: string; tableName: string }> {
  sequence += 1;
  const name = `email-${process.pid}-${sequence}`;
  const dlq = await clients.sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const deadLetterQueueUrl = dlq.QueueUrl ?? '';
  const dlqAttributes = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: deadLetterQueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const queue = await clients.sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? 30),
        MaximumMessageSize: String(options.maximumMessageSize ?? 1_048_576),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: dlqAttributes.Attributes?.QueueArn,
          maxReceiveCount: options.maxReceiveCount ?? 5,
        }),
      },
    }),
  );
  const tableName = `${name}-idempotency`;
  await clients.dynamoDb.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await waitForActiveTable(clients.dynamoDb, tableName);
  return { queueUrl: queue.QueueUrl ?? '', deadLetterQueueUrl, tableName };
}

/** Worker settings for emulator tests; override any. */
export function emailWorkerSettingsFor(
  resources: { queueUrl: string; deadLetterQueueUrl: string; tableName: string },
  smtpUrl: string,
  overrides: Partial<EmailWorkerSettings> = {},
): EmailWorkerSettings {
  return anEmailWorkerSettings({
    queueUrl: resources.queueUrl,
    deadLetterQueueUrl: resources.deadLetterQueueUrl,
    idempotencyTableName: resources.tableName,
    smtpUrl,
    // Short enough that a test never waits long for a redelivery; the job timeout stays below it.
    visibilityTimeoutSeconds: 30,
    jobTimeoutSeconds: 10,
    retryBaseDelaySeconds: 1,
    ...overrides,
  });
}

/** Receives until `count` messages arrived or `attempts` receives came back short (bounded, never a timing assertion). */
export async function receiveAll(
  sqs: SQSClient,
  queueUrl: string,
  count: number,
  attempts = 5,
): Promise<Message[]> {
  const messages: Message[] = [];
  for (let attempt = 0; attempt < attempts && messages.length < count; attempt++) {
    const response = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    messages.push(...(response.Messages ?? []));
  }
  return messages;
}

/** Polls `condition` every 50 ms, up to `limitMs`; returns whether it held (a wait, not a timing assertion). */
export async function eventually(condition: () => boolean | Promise<boolean>, limitMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(50);
  }
  return condition();
}

/** Records every SQS command a client sends (name and input). */
export function recordSqsCalls(sqs: SQSClient): Array<{ name: string; input: Record<string, unknown> }> {
  const calls: Array<{ name: string; input: Record<string, unknown> }> = [];
  sqs.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push({ name: String(context.commandName), input: args.input as Record<string, unknown> });
      return next(args);
    },
    { step: 'initialize', name: 'recordSqsCalls' },
  );
  return calls;
}
