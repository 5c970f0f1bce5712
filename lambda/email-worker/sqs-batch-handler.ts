/**
 * The Lambda adapter's logic: Powertools BatchProcessor over an SQS event. The per-record function
 * throws only for retryable failures (reported as batch item failures); permanent ones were
 * already copied to the DLQ and count as successes, so Lambda deletes them.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
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

export function createSqsBatchHandler(runtime: Pick<EmailWorkerRuntime, 'processMessage' | 'metrics'>): SqsBatchHandler {
  const processor = new BatchProcessor(EventType.SQS);
  return async (event, context) => {
    const processRecord = (record: SQSRecord): Promise<void> => runtime.processMessage(queuedMessageFromRecord(record), context);
    try {
      // Records run in parallel (Powertools' default); the SMTP pool and maxConcurrency bound the load.
      // A batch where every record failed is still a partial response, so each keeps its own backoff.
      return await processPartialResponse(event, processRecord, processor, { context, throwOnFullBatchFailure: false });
    } finally {
      runtime.metrics.publishStoredMetrics();
    }
  };
}
