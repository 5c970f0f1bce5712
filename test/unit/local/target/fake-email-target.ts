/**
 * An in-memory email target for unit tests of the shared run: an SQS stand-in (source queue and
 * DLQ), an idempotency table stand-in, and a "deployed" consumer that settles every message the
 * way the worker does (valid job: COMPLETED record and an EmailsSent datapoint; malformed: the DLQ
 * with its reason). It has no mailbox and no process control, like a deployed stack, so a run on it
 * takes the code path of `--target aws`.
 */
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { deployedEmailTarget } from '../../../../local/email/deployed-email-target';
import type { EmailTarget } from '../../../../local/email/email-target';
import type { MetricSource } from '../../../../local/target/metric-source';

const QUEUE_URL = 'memory://queue';
const DEAD_LETTER_QUEUE_URL = 'memory://dlq';

interface FakeCommand {
  readonly constructor: { readonly name: string };
  readonly input: Record<string, unknown>;
}

/** What the fake observed and lets a test steer. */
export interface FakeEmailWorld {
  readonly target: EmailTarget<undefined>;
  /** Messages of other runs already in the shared DLQ. */
  readonly foreignDeadLetters: Message[];
  /** Jobs the fake consumer sends twice (at-least-once delivery shows as an extra EmailsSent). */
  readonly sendTwice: Set<string>;
  /** The EmailsSent metric reports nothing (as on LocalStack). */
  withoutMetrics(): void;
}

/** Builds a fresh in-memory world. */
export function createFakeEmailWorld(): FakeEmailWorld {
  const queues = new Map<string, Message[]>([[QUEUE_URL, []], [DEAD_LETTER_QUEUE_URL, []]]);
  const completed: Record<string, unknown>[] = [];
  let nextId = 0;
  let emailsSent: number | null = null;
  let metricsShown = true;
  const foreignDeadLetters: Message[] = [];
  const sendTwice = new Set<string>();
  const consume = (): void => {
    for (const message of queues.get(QUEUE_URL)?.splice(0) ?? []) settle(message);
  };
  const settle = (message: Message): void => {
    const parsed = parse(message.Body ?? '');
    if (parsed === undefined) {
      queues.get(DEAD_LETTER_QUEUE_URL)?.push({ ...message, MessageAttributes: { FailureReason: { DataType: 'String', StringValue: 'malformed JSON: fake' } } });
      return;
    }
    completed.push({ status: 'COMPLETED', data: { jobId: parsed.jobId } });
    emailsSent = (emailsSent ?? 0) + (sendTwice.has(parsed.jobId) ? 2 : 1);
  };
  const sqs = {
    send: (command: FakeCommand): Promise<unknown> => {
      const input = command.input;
      const queue = queues.get(String(input['QueueUrl'])) ?? [];
      switch (command.constructor.name) {
        case 'SendMessageBatchCommand': {
          const entries = input['Entries'] as { Id: string; MessageBody: string }[];
          for (const entry of entries) queue.push({ MessageId: `m-${(nextId += 1)}`, Body: entry.MessageBody, ReceiptHandle: `r-${nextId}` });
          return Promise.resolve({ Successful: entries.map((entry) => ({ Id: entry.Id })), Failed: [] });
        }
        case 'ReceiveMessageCommand':
          consume();
          if (input['QueueUrl'] === DEAD_LETTER_QUEUE_URL) queue.push(...foreignDeadLetters.splice(0));
          return Promise.resolve({ Messages: queue.splice(0, Number(input['MaxNumberOfMessages'] ?? 1)) });
        case 'GetQueueAttributesCommand':
          return Promise.resolve({ Attributes: { ApproximateNumberOfMessages: String(queue.length) } });
        default:
          // Deletes and visibility changes: received messages are already out of the fake queue.
          return Promise.resolve({});
      }
    },
  } as unknown as SQSClient;
  const documents = {
    send: (command: FakeCommand): Promise<unknown> => {
      const prefix = String((command.input['ExpressionAttributeValues'] as Record<string, unknown>)[':prefix']);
      return Promise.resolve({ Items: completed.filter((item) => String((item['data'] as { jobId: string }).jobId).startsWith(prefix)) });
    },
  } as unknown as DynamoDBDocumentClient;
  const metrics: MetricSource = { unavailableReason: 'the fake has no EmailsSent datapoint', sum: () => Promise.resolve(metricsShown ? emailsSent : null) };
  const target = deployedEmailTarget({
    stackName: 'Fake-EmailWorker',
    resources: { queueUrl: QUEUE_URL, deadLetterQueueUrl: DEAD_LETTER_QUEUE_URL, idempotencyTableName: 'fake-idempotency' },
    sqs,
    documents,
    metrics,
  });
  return { target, foreignDeadLetters, sendTwice, withoutMetrics: () => (metricsShown = false) };
}

function parse(body: string): { jobId: string } | undefined {
  try {
    const parsed = JSON.parse(body) as { jobId?: unknown; to?: unknown; subject?: unknown; body?: unknown };
    const valid = typeof parsed.jobId === 'string' && typeof parsed.to === 'string' && parsed.to.includes('@') && typeof parsed.subject === 'string' && typeof parsed.body === 'string';
    return valid ? { jobId: parsed.jobId as string } : undefined;
  } catch {
    return undefined;
  }
}
