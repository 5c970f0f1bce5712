/**
 * bbc/sqs-consumer at its best documented settings. It has no concurrency option: one consumer
 * polls once, processes that batch, deletes it, then polls again, so at most `batchSize` (≤ 10,
 * the SQS ReceiveMessage limit) messages are in flight. Its maintainers answer requests for more
 * with "start multiple instances" (bbc/sqs-consumer issues #96, #229; PRs #73 and #449 closed).
 */
import { Consumer } from 'sqs-consumer';
import type { Message } from '@aws-sdk/client-sqs';
import { SQS_LIMITS } from '../../runtime/shared/aws-limits';
import type { RunningSqsContender, SqsContender, SqsContenderContext } from './sqs-contender';

/** ReceiveMessage returns at most 10 messages (SQS quota): sqs-consumer's ceiling for `batchSize`. */
const BATCH_SIZE = SQS_LIMITS.maxBatchEntries;
/** Long polling at the SQS maximum (20 s), sqs-consumer's own default. */
const LONG_POLL_SECONDS = SQS_LIMITS.maxWaitTimeSeconds;

/** How the handler is plugged in; both run the batch's messages in parallel. */
export type SqsConsumerHandlerMode =
  /** `handleMessageBatch`: the batch is deleted with one DeleteMessageBatch. */
  | 'handleMessageBatch'
  /** `handleMessage`: each message is deleted with its own DeleteMessage. */
  | 'handleMessage';

function createConsumer(context: SqsContenderContext, mode: SqsConsumerHandlerMode): Consumer {
  const common = {
    queueUrl: context.queueUrl,
    sqs: context.sqs,
    batchSize: BATCH_SIZE,
    waitTimeSeconds: LONG_POLL_SECONDS,
    // Poll again as soon as a batch is done (the default, stated because it matters for throughput).
    pollingWaitTimeMs: 0,
    // No heartbeat: a 20 ms job never nears the visibility timeout, and heartbeats would only add calls.
  };
  if (mode === 'handleMessageBatch') {
    return Consumer.create({
      ...common,
      handleMessageBatch: async (messages: Message[]) => {
        await Promise.all(messages.map((message) => context.job(message)));
        // Returning the messages acknowledges them: sqs-consumer deletes them with one batch call.
        return messages;
      },
    });
  }
  return Consumer.create({
    ...common,
    handleMessage: async (message: Message) => {
      await context.job(message);
      return message;
    },
  });
}

/** sqs-consumer with `batchSize` 10 and long polling, in the given handler mode. */
export function sqsConsumerContender(mode: SqsConsumerHandlerMode): SqsContender {
  return {
    label: `sqs-consumer (${mode})`,
    settings:
      `${mode}, batchSize=${BATCH_SIZE} waitTimeSeconds=${LONG_POLL_SECONDS} pollingWaitTimeMs=0, no heartbeat; ` +
      `at most ${BATCH_SIZE} in flight (no concurrency option)`,
    start(context): RunningSqsContender {
      const consumer = createConsumer(context, mode);
      consumer.on('error', (error) => context.onError(error));
      consumer.on('processing_error', (error) => context.onError(error));
      consumer.start();
      return {
        stop: async () => {
          // abort: true cancels the pending 20 s long poll on the (by then empty) queue.
          consumer.stop({ abort: true });
        },
      };
    },
  };
}
