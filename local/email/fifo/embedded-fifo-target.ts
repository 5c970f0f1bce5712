/**
 * The SQS FIFO pattern on the embedded target: the EmailWorkerStack of the asked queue type on a
 * fauxqs of its own, and the competing workers played by in-process pollers (the Fargate worker's
 * engine) running the run's handler.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { EmailQueueType } from '../../../lib/common/app-context';
import { openEmailQueueStack } from '../email-queue-stack';
import { queueVisibilityTimeoutSeconds, startInProcessPollers } from '../in-process-pollers';
import type { FifoSession, FifoTarget } from './fifo-target';

/** A session over a queue that already exists; `close` releases what the caller opened for it. */
export function inProcessFifoSession(
  queue: { readonly queueType: EmailQueueType; readonly sqs: SQSClient; readonly queueUrl: string; readonly visibilityTimeoutSeconds: number },
  environmentReport: readonly string[],
  close: () => Promise<void>,
): FifoSession {
  return {
    ...queue,
    environmentReport,
    startWorkers: (spec) => startInProcessPollers(queue.sqs, Array.from({ length: spec.workers }, () => ({
      queueUrl: queue.queueUrl,
      process: spec.process,
      visibilityTimeoutSeconds: queue.visibilityTimeoutSeconds,
      concurrency: spec.concurrencyPerWorker,
    }))),
    close,
  };
}

/** The embedded SQS FIFO target. */
export const embeddedFifoTarget: FifoTarget = {
  async open({ queueType }) {
    const stack = await openEmailQueueStack(queueType);
    try {
      // The local template's 1 s job timeout gives a short visibility timeout: a failed job returns within seconds.
      const visibilityTimeoutSeconds = await queueVisibilityTimeoutSeconds(stack.sqs, stack.emailQueueUrl);
      return inProcessFifoSession({ queueType, sqs: stack.sqs, queueUrl: stack.emailQueueUrl, visibilityTimeoutSeconds }, stack.notes, () => stack.close());
    } catch (error) {
      await stack.close();
      throw error;
    }
  },
};
