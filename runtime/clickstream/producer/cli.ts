/**
 * `npm run produce -- --stream NAME --events N --users U [--endpoint URL] …`: generates clickstream
 * events and streams them onto Kinesis with ClickstreamProducer, with a progress bar and a summary.
 */
import { kinesisClient } from '../../shared/aws-clients';
import { exitCodeFor, UsageError } from '../../shared/errors';
import { parseProducerArgs, USAGE, type ProducerCliArgs } from './cli-args';
import { createProgressReporter } from './cli-progress-reporter';
import { clickstreamEventStream } from './generate-events';
import { ClickstreamProducer } from './producer';
import { sendInChunks } from './send-in-chunks';

/** How many undeliverable records the summary lists one by one. */
const LISTED_UNDELIVERABLE = 10;

async function main(argv: readonly string[]): Promise<number> {
  let args: ProducerCliArgs;
  try {
    args = parseProducerArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`Error: ${error.message}\n\n${USAGE}\n`);
    return exitCodeFor(error);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // The SDK's own variables, so the shared client picks them up like it does in Lambda.
  if (args.endpoint !== undefined) process.env.AWS_ENDPOINT_URL_KINESIS = args.endpoint;
  if (args.region !== undefined) process.env.AWS_REGION = args.region;

  // Generated lazily and sent chunk by chunk: memory stays flat up to --events 10,000,000. Event
  // times end now (the generator's default), so the consumers' event-time check accepts every one.
  const events = clickstreamEventStream({ events: args.events, users: args.users, seed: args.seed });
  const producer = new ClickstreamProducer({
    client: kinesisClient(),
    streamName: args.streamName,
    maxConcurrentCalls: args.concurrency,
    maxAttempts: args.maxAttempts,
    aggregation: args.aggregate,
  });
  const progress = createProgressReporter(args.events);
  const startedAt = performance.now();
  const result = await sendInChunks(producer, events, {
    total: args.events,
    listLimit: LISTED_UNDELIVERABLE,
    onProgress: (update) => progress.update(update),
  }).finally(() => progress.stop());
  const elapsedSeconds = (performance.now() - startedAt) / 1000;

  process.stdout.write(
    [
      `stream: ${args.streamName}`,
      `aggregate: ${args.aggregate}`,
      `sent: ${result.sent}`,
      `failed: ${result.undeliverable}`,
      ...(result.notSent > 0 ? [`not_sent: ${result.notSent}`] : []),
      `calls: ${result.calls}`,
      `records_per_s: ${(result.sent / elapsedSeconds).toFixed(1)}`,
      `elapsed_s: ${elapsedSeconds.toFixed(2)}`,
    ].join('\n') + '\n',
  );
  const halted = producer.haltedBy;
  if (halted !== undefined) {
    process.stderr.write(`stopped: ${halted.errorCode}: ${halted.errorMessage} (retrying cannot fix this: check --region, credentials and --stream)\n`);
  }
  for (const record of result.listedUndeliverable) {
    process.stderr.write(`undeliverable: ${record.event.eventId} (user ${record.event.userId}) ${record.errorCode}: ${record.errorMessage}\n`);
  }
  if (result.undeliverable > result.listedUndeliverable.length) {
    process.stderr.write(`undeliverable: … and ${result.undeliverable - result.listedUndeliverable.length} more\n`);
  }
  return result.undeliverable === 0 && result.notSent === 0 ? 0 : 1;
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
