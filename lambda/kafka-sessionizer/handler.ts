/**
 * PLACEHOLDER (branch kafka-stack): stands in for the runtime helper's sessionizer so the Kafka
 * stack synthesizes and its tests run. The lead takes the kafka-local branch's version at merge.
 * Contract: the MSK event source mapping invokes `handler` with an MSKEvent and reads
 * `batchItemFailures` (ReportBatchItemFailures); env as lambda/clickstream-processor/settings.ts.
 */
import type { Context, MSKEvent } from 'aws-lambda';

/** One record the mapping should retry (partial batch response for Kafka: `topic-partition@offset`). */
export interface KafkaBatchItemFailure {
  readonly itemIdentifier: string;
}

/** The partial batch response the event source mapping reads. */
export interface KafkaBatchResponse {
  readonly batchItemFailures: KafkaBatchItemFailure[];
}

/** Placeholder: reports no failures. */
export function handler(_event: MSKEvent, _context: Context): Promise<KafkaBatchResponse> {
  return Promise.resolve({ batchItemFailures: [] });
}
