/**
 * The poller's FIFO rule against a fake SQS client that, like SQS (and unlike fauxqs 2.4, which
 * hands out one message per group per receive), returns several messages of one group in a batch:
 * one message per group runs at a time, in order, and a failure releases the rest of its group.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Message } from '@aws-sdk/client-sqs';
import { SqsPoller } from '../../../runtime/shared/sqs-poller/poller';
import { recordingSqsClient } from '../../factories/email-fakes';
import { advanceUntil, advanceUntilSettled, fakeDelay } from '../../factories/fake-time';

const FIFO_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs.fifo';

function aGroupedMessage(id: string, group: string): Message {
  return { MessageId: id, ReceiptHandle: `handle-${id}`, Body: id, Attributes: { ApproximateReceiveCount: '1', MessageGroupId: group } };
}

/** One receive answers `batch`; later ones are empty. */
function fakeFifoQueue(batch: Message[]) {
  let answered = false;
  return recordingSqsClient(async (command) => {
    if (command.name === 'ReceiveMessageCommand') {
      if (!answered) {
        answered = true;
        return { Messages: batch };
      }
      await fakeDelay(5);
      return {};
    }
    if (command.name === 'DeleteMessageBatchCommand') {
      return { Successful: (command.input.Entries as Array<{ Id: string }>).map(({ Id }) => ({ Id })) };
    }
    return {};
  });
}

function aFifoPoller(sqs: ReturnType<typeof fakeFifoQueue>, processMessage: (message: Message) => Promise<void>): SqsPoller {
  return new SqsPoller({
    sqs: sqs.client, queueUrl: FIFO_QUEUE_URL, processMessage, visibilityTimeoutSeconds: 30,
    concurrency: 10, waitTimeSeconds: 0, prefetch: 0, deleteFlushIntervalMs: 1, logger: new Logger({ logLevel: 'SILENT' }),
  });
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('SqsPoller on a FIFO queue', () => {
  it('asks SQS for each message\'s group and runs one message per group at a time, in order', async () => {
    const sqs = fakeFifoQueue([aGroupedMessage('a1', 'A'), aGroupedMessage('a2', 'A'), aGroupedMessage('b1', 'B'), aGroupedMessage('a3', 'A')]);
    const running = new Map<string, number>();
    let mostAtOnceInOneGroup = 0;
    const completed: string[] = [];
    const poller = aFifoPoller(sqs, async (message) => {
      const group = message.Attributes?.MessageGroupId ?? '';
      running.set(group, (running.get(group) ?? 0) + 1);
      mostAtOnceInOneGroup = Math.max(mostAtOnceInOneGroup, running.get(group) ?? 0);
      await fakeDelay(5);
      running.set(group, (running.get(group) ?? 1) - 1);
      completed.push(message.MessageId ?? '');
    });

    poller.start();
    await advanceUntil(() => completed.length === 4);
    await advanceUntilSettled(poller.stop());

    expect(sqs.commands.find((command) => command.name === 'ReceiveMessageCommand')?.input.MessageSystemAttributeNames)
      .toContain('MessageGroupId');
    expect(mostAtOnceInOneGroup).toBe(1);
    expect(completed.filter((id) => id.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
  });

  it('after a failure releases the rest of that group (newest first) and still runs the other groups', async () => {
    const sqs = fakeFifoQueue([aGroupedMessage('a1', 'A'), aGroupedMessage('a2', 'A'), aGroupedMessage('a3', 'A'), aGroupedMessage('b1', 'B')]);
    const started: string[] = [];
    const poller = aFifoPoller(sqs, async (message) => {
      started.push(message.MessageId ?? '');
      if (message.MessageId === 'a1') throw new Error('transient');
    });

    poller.start();
    await advanceUntil(() => poller.stats().released === 2 && poller.stats().succeeded === 1);
    await advanceUntilSettled(poller.stop());

    expect(poller.stats()).toMatchObject({ failed: 1, succeeded: 1, released: 2 });
    expect(started.sort()).toEqual(['a1', 'b1']);
    const released = sqs.commands.filter((command) => command.name === 'ChangeMessageVisibilityBatchCommand')
      .flatMap((command) => command.input.Entries as Array<{ ReceiptHandle: string; VisibilityTimeout: number }>);
    expect(released).toEqual([
      expect.objectContaining({ ReceiptHandle: 'handle-a3', VisibilityTimeout: 0 }),
      expect.objectContaining({ ReceiptHandle: 'handle-a2', VisibilityTimeout: 0 }),
    ]);
  });
});
