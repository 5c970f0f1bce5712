/**
 * Looks into a queue that other people's messages may share (a deployed DLQ, an on-failure queue)
 * without taking anything that is not this run's.
 *
 * Receiving is not reading: it hides each message for the visibility timeout and bumps its receive
 * count. So every received message is kept hidden only while the inspection runs (so it is not
 * counted twice), and then this run's messages are deleted or released, and everyone else's are
 * released at once (visibility 0). A queue that itself has a redrive policy would count these
 * receives toward its maxReceiveCount: inspect only queues without one (DLQs, on-failure queues).
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { SQS_LIMITS } from '../../runtime/shared/aws-limits';
import { chunk } from '../../runtime/shared/chunk';

/** Long enough to receive a few thousand messages before the first ones reappear. */
const DEFAULT_HOLD_SECONDS = 120;
/** Long polling asks every SQS server, so an empty answer means "nothing visible" (short polling samples). */
const RECEIVE_WAIT_SECONDS = 2;
/** Stops a runaway inspection of a queue holding far more than one run put there. */
const DEFAULT_MAX_MESSAGES = 20_000;

/** How to inspect. */
export interface QueueInspectionOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  /** True for this run's messages. */
  readonly isOurs: (message: Message) => boolean;
  /** Delete this run's messages once counted; otherwise release them (visibility 0). */
  readonly deleteOurs: boolean;
  /** Visibility timeout while inspecting, in seconds. @default 120 */
  readonly holdSeconds?: number;
  /** Receive at most this many messages. @default 20000 */
  readonly maxMessages?: number;
  /** Long-poll wait of each receive; 0 suits an emulator, which answers exactly. @default 2 */
  readonly receiveWaitSeconds?: number;
}

/** What the queue held. */
export interface QueueInspection {
  /** This run's messages (deleted or released, per the option). */
  readonly ours: readonly Message[];
  /** Other messages seen, released untouched. */
  readonly othersSeen: number;
}

/** Receives until the queue shows nothing more, then settles every message as described above. */
export async function inspectQueue(options: QueueInspectionOptions): Promise<QueueInspection> {
  const maxMessages = options.maxMessages ?? DEFAULT_MAX_MESSAGES;
  const received = new Map<string, Message>();
  while (received.size < maxMessages) {
    const { Messages: page = [] } = await options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: SQS_LIMITS.maxBatchEntries,
        WaitTimeSeconds: options.receiveWaitSeconds ?? RECEIVE_WAIT_SECONDS,
        VisibilityTimeout: options.holdSeconds ?? DEFAULT_HOLD_SECONDS,
        MessageAttributeNames: ['All'],
      }),
    );
    if (page.length === 0) break;
    for (const message of page) received.set(message.MessageId ?? String(received.size), message);
  }
  const all = [...received.values()];
  const ours = all.filter((message) => options.isOurs(message));
  const others = all.filter((message) => !options.isOurs(message));
  await release(options.sqs, options.queueUrl, options.deleteOurs ? others : all);
  if (options.deleteOurs) await remove(options.sqs, options.queueUrl, ours);
  return { ours, othersSeen: others.length };
}

async function release(sqs: SQSClient, queueUrl: string, messages: readonly Message[]): Promise<void> {
  for (const batch of chunk(messages, SQS_LIMITS.maxBatchEntries)) {
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 })),
      }),
    );
  }
}

async function remove(sqs: SQSClient, queueUrl: string, messages: readonly Message[]): Promise<void> {
  for (const batch of chunk(messages, SQS_LIMITS.maxBatchEntries)) {
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
      }),
    );
  }
}
