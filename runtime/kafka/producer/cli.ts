/**
 * `npm run produce:kafka -- --bootstrap-servers HOST:PORT --topic NAME …`: produces generated
 * clickstream events to a Kafka topic, keyed by userId (the `npm run dev` Kafka component prints this
 * command with its broker and topic). Exit codes: 0 when every record was acknowledged (acks=all),
 * 2 for a usage problem, 3 when the broker cannot be reached, 1 otherwise.
 */
import { generateClickstreamEvents, DEFAULT_STEP_MS } from '../../clickstream/producer/generate-events';
import { EnvironmentError, exitCodeFor, UsageError } from '../../shared/errors';
import { kafkaClientAuth } from '../analytics-member/kafka-connection';
import { waitForKafka } from '../wait-for-kafka';
import { KAFKA_PRODUCE_USAGE, parseKafkaProduceArgs } from './cli-args';
import { produceClickstream } from './produce-clickstream';

/** How long to wait for the broker to answer before giving up. */
const BROKER_TIMEOUT_MS = 10_000;

async function main(argv: readonly string[]): Promise<number> {
  const args = parseKafkaProduceArgs(argv);
  if (args.help) {
    console.log(KAFKA_PRODUCE_USAGE);
    return 0;
  }
  const auth = kafkaClientAuth(args.auth, args.region);
  try {
    await waitForKafka(args.bootstrapServers, BROKER_TIMEOUT_MS, () => true, auth);
  } catch (error) {
    throw new EnvironmentError(`no Kafka broker answered at ${args.bootstrapServers.join(',')}: ${(error as Error).message}`);
  }
  // Event times end now, so the consumers' event-time check accepts every one.
  const events = generateClickstreamEvents({ events: args.events, users: args.users, seed: args.seed, startTimeMs: Date.now() - args.events * DEFAULT_STEP_MS });
  const sent = await produceClickstream({ bootstrapServers: args.bootstrapServers, topic: args.topic, records: events, auth });
  console.log(`produced ${sent} clickstream events for ${args.users} users to ${args.topic} (acks=all, idempotent)`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    if (error instanceof UsageError) console.error(KAFKA_PRODUCE_USAGE);
    process.exit(exitCodeFor(error));
  },
);
