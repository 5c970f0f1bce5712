/**
 * Lambda entry point of the clickstream processor (standard Kinesis event source,
 * ReportBatchItemFailures). Wires the real dependencies; the logic is in clickstream-processor.ts.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { dynamoDbDocumentClient } from '../../shared/aws-clients';
import { createClickstreamProcessor } from './clickstream-processor';
import { DynamoDbSessionStore } from './session-store';
import { readProcessorSettings } from './settings-reader';

const SERVICE_NAME = 'clickstream-processor';
const logger = new Logger({ serviceName: SERVICE_NAME });
// Namespace from POWERTOOLS_METRICS_NAMESPACE, set by the stack.
const metrics = new Metrics({ serviceName: SERVICE_NAME });

let processBatch: ReturnType<typeof createClickstreamProcessor> | undefined;

/** Settings are read on the first invocation (not at import), so a bad one fails with its name. */
function processor(): ReturnType<typeof createClickstreamProcessor> {
  if (processBatch === undefined) {
    const settings = readProcessorSettings();
    processBatch = createClickstreamProcessor({
      store: new DynamoDbSessionStore({ tableName: settings.sessionTableName, client: dynamoDbDocumentClient() }),
      sessionTimeoutSeconds: settings.sessionTimeoutSeconds,
      logger,
      metrics,
    });
  }
  return processBatch;
}

export async function handler(event: KinesisStreamEvent, context: Context): Promise<KinesisStreamBatchResponse> {
  logger.addContext(context);
  return processor()(event, context);
}
