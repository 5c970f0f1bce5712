/**
 * Hand-written consumers built from one loop: receive up to `batchSize` messages, run their jobs
 * in parallel, delete them, repeat; `loops` of them side by side.
 * - The naive baseline every tutorial starts from is 1 loop of batch 1: one message in flight and
 *   two SQS calls per message.
 * - Many loops of batch 10 with no job latency measure the emulator's ceiling: how fast it can
 *   hand out and delete messages at all, whatever consumer is in front of it.
 */
import {
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { SQS_LIMITS } from '../../runtime/shared/aws-limits';
import type { RunningSqsContender, SqsContender, SqsContenderContext } from './sqs-contender';

/** Shape of the loops. */
export interface ReceiveDeleteLoopsOptions {
  /** Label printed with the figures. */
  readonly label: string;
  /** Loops running side by side. */
  readonly loops: number;
  /** Messages asked for per receive, 1 to 10. */
  readonly batchSize: number;
}

async function deleteMessages(context: SqsContenderContext, messages: readonly Message[], signal: AbortSignal) {
  if (messages.length === 1) {
    await context.sqs.send(
      new DeleteMessageCommand({ QueueUrl: context.queueUrl, ReceiptHandle: messages[0]?.ReceiptHandle }),
      { abortSignal: signal },
    );
    return;
  }
  const entries = messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle }));
  await context.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: context.queueUrl, Entries: entries }), {
    abortSignal: signal,
  });
}

async function loopUntilStopped(context: SqsContenderContext, batchSize: number, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      const received = await context.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: context.queueUrl,
          MaxNumberOfMessages: batchSize,
          // Long polling at the SQS maximum: an empty queue costs no busy loop.
          WaitTimeSeconds: SQS_LIMITS.maxWaitTimeSeconds,
        }),
        { abortSignal: signal },
      );
      const messages = received.Messages ?? [];
      if (messages.length === 0) continue;
      await Promise.all(messages.map((message) => context.job(message)));
      await deleteMessages(context, messages, signal);
    } catch (error) {
      if (!signal.aborted) context.onError(error);
    }
  }
}

/** `loops` receive/process/delete loops of `batchSize` messages each. */
export function receiveDeleteLoops(options: ReceiveDeleteLoopsOptions): SqsContender {
  const deleteCall = options.batchSize === 1 ? 'DeleteMessage' : 'DeleteMessageBatch';
  return {
    label: options.label,
    settings:
      `${options.loops} loop(s) of ReceiveMessage MaxNumberOfMessages=${options.batchSize} ` +
      `WaitTimeSeconds=${SQS_LIMITS.maxWaitTimeSeconds} then one ${deleteCall}; ` +
      `at most ${options.loops * options.batchSize} in flight`,
    start(context): RunningSqsContender {
      const stopping = new AbortController();
      const loops = Array.from({ length: options.loops }, () =>
        loopUntilStopped(context, options.batchSize, stopping.signal),
      );
      return {
        stop: async () => {
          stopping.abort();
          await Promise.all(loops);
        },
      };
    },
  };
}

/** The naive receive-1 / process / delete-1 loop. */
export function naiveSqsLoop(): SqsContender {
  return receiveDeleteLoops({ label: 'naive loop', loops: 1, batchSize: 1 });
}

/** Enough batch loops to keep the emulator busy, for its ceiling with no job latency. */
export function emulatorCeilingLoops(loops: number): SqsContender {
  return receiveDeleteLoops({ label: 'emulator ceiling', loops, batchSize: SQS_LIMITS.maxBatchEntries });
}
