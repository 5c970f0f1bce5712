/**
 * Lambda entry point of the Kafka sessionizer (MSK event source mapping, consumer group
 * `sessionizer`, ReportBatchItemFailures). Wires the real dependencies; the logic is in
 * kafka-sessionizer.ts. Same environment as the Kinesis processor (CLICKSTREAM_PROCESSOR_ENV).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, MSKEvent } from 'aws-lambda';
import { DynamoDbSessionStore } from '../../clickstream/processor-lambda/session-store';
import { readProcessorSettings } from '../../clickstream/processor-lambda/settings-reader';
import { dynamoDbDocumentClient } from '../../shared/aws-clients';
import { createKafkaSessionizer, type KafkaBatchResponse } from './kafka-sessionizer';

const SERVICE_NAME = 'kafka-sessionizer';
const logger = new Logger({ serviceName: SERVICE_NAME });
// Namespace from POWERTOOLS_METRICS_NAMESPACE, set by the stack.
const metrics = new Metrics({ serviceName: SERVICE_NAME });

let processBatch: ReturnType<typeof createKafkaSessionizer> | undefined;

/** Settings are read on the first invocation (not at import), so a bad one fails with its name. */
function sessionizer(): ReturnType<typeof createKafkaSessionizer> {
  if (processBatch === undefined) {
    const settings = readProcessorSettings();
    processBatch = createKafkaSessionizer({
      store: new DynamoDbSessionStore({ tableName: settings.sessionTableName, client: dynamoDbDocumentClient() }),
      sessionTimeoutSeconds: settings.sessionTimeoutSeconds,
      logger,
      metrics,
    });
  }
  return processBatch;
}

export async function handler(event: MSKEvent, context: Context): Promise<KafkaBatchResponse> {
  logger.addContext(context);
  return sessionizer()(event, context);
}
