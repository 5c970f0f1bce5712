/**
 * The Lambda adapter's logic: Powertools BatchProcessor over an SQS event. The per-record function
 * throws only for retryable failures (reported as batch item failures); permanent ones were
 * already copied to the DLQ and count as successes, so Lambda deletes them.
 */
import { BatchProcessor, EventType, processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { EmailWorkerRuntime } from './email-worker-runtime';
import type { QueuedMessage } from './job';

export type SqsBatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/** The fields of a Lambda SQS record the job module needs. */
export function queuedMessageFromRecord(record: SQSRecord): QueuedMessage {
  return {
    messageId: record.messageId,
    body: record.body,
    receiptHandle: record.receiptHandle,
    receiveCount: Number(record.attributes.ApproximateReceiveCount ?? '1'),
  };
}

/** How the batch handler reads its queue. */
export interface SqsBatchHandlerOptions {
  /**
   * The queue is FIFO: records run one by one in batch order, and after a failure the rest of
   * that record's message group is reported failed unprocessed (order kept), while other groups
   * go on (Powertools' `SqsFifoPartialProcessorAsync` with `skipGroupOnError`).
   * @default false (standard queue: records run in parallel)
   */
  readonly fifo?: boolean;
}

export function createSqsBatchHandler(
  runtime: Pick<EmailWorkerRuntime, 'processMessage' | 'metrics'>,
  options: SqsBatchHandlerOptions = {},
): SqsBatchHandler {
  const fifoProcessor = options.fifo === true ? new SqsFifoPartialProcessorAsync() : undefined;
  const processor = new BatchProcessor(EventType.SQS);
  return async (event, context) => {
    const processRecord = (record: SQSRecord): Promise<void> => runtime.processMessage(queuedMessageFromRecord(record), context);
    try {
      // Standard: records run in parallel (Powertools' default); the SMTP pool and maxConcurrency bound the load.
      // A batch where every record failed is still a partial response, so each keeps its own backoff.
      return fifoProcessor === undefined
        ? await processPartialResponse(event, processRecord, processor, { context, throwOnFullBatchFailure: false })
        : await processPartialResponse(event, processRecord, fifoProcessor, { context, throwOnFullBatchFailure: false, skipGroupOnError: true });
    } finally {
      runtime.metrics.publishStoredMetrics();
    }
  };
}
