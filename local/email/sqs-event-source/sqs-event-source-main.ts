/**
 * Child-process entry of the local SQS event source: `node --import tsx local/email/sqs-event-source/sqs-event-source-main.ts`.
 * The process plays one slice of "the Lambda service": it loads the real handler module with the
 * function's environment (already in process.env) and runs an SqsEventSourceRunner until SIGTERM,
 * then finishes in-flight invocations, releases what it had not started, prints its stats, exits 0.
 */
import { pathToFileURL } from 'node:url';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsEventSourceRunner, type SqsHandler } from './sqs-event-source-runner';
import { parseEventSourceChildConfig, EVENT_SOURCE_CONFIG_ENV } from './sqs-event-source-child-config';

async function loadHandler(modulePath: string, exportName: string): Promise<SqsHandler> {
  const loaded: Record<string, unknown> = await import(pathToFileURL(modulePath).href);
  // tsx may expose a CommonJS module's exports under `default`.
  const fromDefault = loaded['default'];
  const candidate = loaded[exportName] ?? (typeof fromDefault === 'object' && fromDefault !== null ? (fromDefault as Record<string, unknown>)[exportName] : undefined);
  if (typeof candidate !== 'function') throw new Error(`${modulePath} does not export a function named ${exportName}`);
  return candidate as SqsHandler;
}

async function main(): Promise<void> {
  const config = parseEventSourceChildConfig(process.env[EVENT_SOURCE_CONFIG_ENV]);
  const runner = new SqsEventSourceRunner({
    // Endpoint from AWS_ENDPOINT_URL_SQS, like the function's own clients.
    // The endpoint comes from AWS_ENDPOINT_URL_SQS; do not let queue URLs (fauxqs-style hosts) override it.
    sqs: new SQSClient({ useQueueUrlAsEndpoint: false }),
    queueUrl: config.queueUrl,
    origin: { queueArn: config.queueArn, region: config.fn.region },
    settings: config.settings,
    fn: config.fn,
    handler: await loadHandler(config.handlerModule, config.handlerExport),
    concurrency: config.concurrency,
  });
  const shutdown = (): void => {
    runner.stop().then(
      () => {
        console.log(JSON.stringify({ localEventSource: 'stopped', ...runner.stats }));
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`local event source did not stop cleanly: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  runner.start();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
