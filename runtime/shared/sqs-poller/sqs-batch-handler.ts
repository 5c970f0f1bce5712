/**
 * A Lambda SQS handler for any job: Powertools BatchProcessor over an SQS event. The job throws
 * only for retryable failures (reported as batch item failures); a job that settled a permanent
 * failure itself (e.g. copied it to a DLQ) resolves, so Lambda deletes its message.
 */
import { BatchProcessor, EventType, processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { queuedMessageFromRecord, type QueuedMessage } from './queued-message';

export type SqsBatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

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

/** The job a batch handler runs per record, and the metrics it flushes after every batch. */
export interface SqsRecordJob {
  readonly processMessage: (message: QueuedMessage, context: Context) => Promise<void>;
  readonly metrics: Pick<Metrics, 'publishStoredMetrics'>;
}

export function createSqsBatchHandler(
  runtime: SqsRecordJob,
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
