/**
 * Lambda entry point (SQS event source with ReportBatchItemFailures). Settings and clients are
 * built on the first invocation and reused while the execution environment lives.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createEmailWorkerRuntime } from './email-worker-runtime';
import { isFifoQueueUrl } from '../shared/sqs-poller/fifo-queue';
import { createSqsBatchHandler, type SqsBatchHandler } from '../shared/sqs-poller/sqs-batch-handler';
import { loadEmailWorkerSettings } from './load-settings';

let batchHandler: SqsBatchHandler | undefined;

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  if (batchHandler === undefined) {
    const settings = loadEmailWorkerSettings();
    batchHandler = createSqsBatchHandler(createEmailWorkerRuntime(settings), { fifo: isFifoQueueUrl(settings.queueUrl) });
  }
  return batchHandler(event, context);
};
