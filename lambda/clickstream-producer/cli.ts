/**
 * `npm run produce -- --events N --users U [--stream NAME] [--endpoint URL] …`: generates clickstream
 * events and puts them on the stream with ClickstreamProducer, with a progress bar and a summary.
 */
import { kinesisClient } from '../shared/aws-clients';
import { parseProducerArgs, USAGE, UsageError, type ProducerCliArgs } from './cli-args';
import { createProgressReporter } from './cli-progress-reporter';
import { generateClickstreamEvents } from './generate-events';
import { ClickstreamProducer } from './producer';

/** How many undeliverable records the summary lists one by one. */
const LISTED_UNDELIVERABLE = 10;

async function main(argv: readonly string[]): Promise<number> {
  let args: ProducerCliArgs;
  try {
    args = parseProducerArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`Error: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // The SDK's own variables, so the shared client picks them up like it does in Lambda.
  if (args.endpoint !== undefined) process.env.AWS_ENDPOINT_URL_KINESIS = args.endpoint;
  if (args.region !== undefined) process.env.AWS_REGION = args.region;

  const events = generateClickstreamEvents({ events: args.events, users: args.users, seed: args.seed });
  const producer = new ClickstreamProducer({
    client: kinesisClient(),
    streamName: args.streamName,
    maxConcurrentCalls: args.concurrency,
    maxAttempts: args.maxAttempts,
  });
  const progress = createProgressReporter(events.length);
  const startedAt = performance.now();
  const result = await producer.send(events, { onProgress: (update) => progress.update(update) }).finally(() => progress.stop());
  const elapsedSeconds = (performance.now() - startedAt) / 1000;

  process.stdout.write(
    [
      `stream: ${args.streamName}`,
      `sent: ${result.sent}`,
      `failed: ${result.undeliverable.length}`,
      `calls: ${result.calls}`,
      `records_per_s: ${(result.sent / elapsedSeconds).toFixed(1)}`,
      `elapsed_s: ${elapsedSeconds.toFixed(2)}`,
    ].join('\n') + '\n',
  );
  for (const record of result.undeliverable.slice(0, LISTED_UNDELIVERABLE)) {
    process.stderr.write(`undeliverable: ${record.event.eventId} (user ${record.event.userId}) ${record.errorCode}: ${record.errorMessage}\n`);
  }
  if (result.undeliverable.length > LISTED_UNDELIVERABLE) {
    process.stderr.write(`undeliverable: … and ${result.undeliverable.length - LISTED_UNDELIVERABLE} more\n`);
  }
  return result.undeliverable.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    process.stderr.write(`${name}: ${message}\n`);
    process.exitCode = 1;
  },
);
