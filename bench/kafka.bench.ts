/**
 * `npm run bench:kafka`: the Kafka pattern's figures on a real local broker (or
 * KAFKA_BOOTSTRAP_SERVERS), every produce with acks=all. A benchmark, not a test.
 *
 * 1. `kafka_broker_start_ms`: format + JVM start until the broker answers a metadata request.
 * 2. Producer: the project's pipelined producer vs. one awaited send per record → `kafka_producer_vs_naive`,
 *    and vs. Apache Kafka's Java `ProducerPerformance` (kafka-tools of the broker's version, Java's
 *    defaults, acks=all, 130-byte records) on the same broker and a topic of the same 6 partitions →
 *    `kafka_producer_vs_java`. Both run `--compare` records after a warm-up run each, so the JVM's
 *    start-up (paid again by every Java run) does not decide the figure. Java's figure is its own
 *    summary (timed from its first send); the project's includes connecting. Java's records have no
 *    key (its sticky partitioner fills one partition's batch at a time); the project's are keyed by
 *    user, as in every other run.
 * 3. Consumer group: the analytics members (state write + commit per batch) with 1 and with 3
 *    members on a 6-partition topic → `kafka_group_3_vs_1_members`. On 2 shared cores the members
 *    compete with the broker for CPU, so the ratio shows what partitions buy on this machine only.
 *
 * Options: `--records N` (group, default 20000), `--naive N` (default 1000), `--compare N` (producer
 * against Java, default 200000). The whole bench gives up after `--deadline` seconds (default 900).
 */
import { generateClickstreamEvents } from '../runtime/clickstream/producer/generate-events';
import { createClickstreamTopics } from '../local/kafka/kafka-topics';
import { startKafkaBroker } from '../local/kafka/local-kafka-broker';
import { measureGroup } from './kafka/group-throughput';
import { runJavaProducerPerformance } from './kafka/java-producer-performance';
import { batchedRecordsPerSecond, naiveRecordsPerSecond } from './kafka/producer-throughput';
import { positiveIntegerOptions } from './lib/bench-arguments';
import { printContext, printFigure, ratio } from './lib/print-figure';
import { perSecond } from './lib/stopwatch';
import { exitCodeFor } from '../runtime/shared/errors';
import { localKafkaVersion } from '../local/kafka/kafka-version';

/** Six partitions: enough for three members to get two each. */
const PARTITIONS = 6;

/** Records of each warm-up run, before the measured ones. */
const WARM_UP_RECORDS = 50_000;

/** The project's producer and Java's on one topic: warm-up runs first, then the measured runs. */
async function compareWithJava(servers: readonly string[], topic: string, records: number): Promise<{ project: number; java: number }> {
  const events = generateClickstreamEvents({ events: records, users: 500, seed: 22 });
  const java = (count: number) => runJavaProducerPerformance({ version: localKafkaVersion(), bootstrapServers: servers, topic, records: count, log: printContext });
  await batchedRecordsPerSecond(servers, topic, events.slice(0, WARM_UP_RECORDS));
  await java(WARM_UP_RECORDS);
  const project = await batchedRecordsPerSecond(servers, topic, events);
  const javaRun = await java(records);
  const meanBytes = events.reduce((sum, event) => sum + Buffer.byteLength(JSON.stringify(event)), 0) / events.length;
  printContext(
    `producer vs Java: ${records} records each after a ${WARM_UP_RECORDS}-record warm-up, acks=all, 6 partitions; ` +
      `project mean record ${meanBytes.toFixed(0)} B, Java 130 B; Java's process took ${Math.round(javaRun.wallMs)} ms with JVM start-up`,
  );
  return { project, java: javaRun.recordsPerSecond };
}

/** Rejects after `seconds`, so a stuck run ends (and the broker is stopped) instead of hanging. */
function deadline(seconds: number): { promise: Promise<never>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`bench:kafka gave up after ${seconds} s (--deadline)`)), seconds * 1000);
  });
  return { promise, clear: () => clearTimeout(timer) };
}

async function main(): Promise<void> {
  const options = positiveIntegerOptions({ records: 20_000, naive: 1_000, compare: 200_000, deadline: 900 });
  const limit = deadline(options.deadline);
  const broker = await startKafkaBroker({ log: (line) => printContext(line) });
  try {
    printContext(`broker: ${broker.origin} ${broker.version ?? ''} on ${broker.bootstrapServers.join(',')}`);
    if (broker.origin === 'local') printFigure('kafka_broker_start_ms', broker.startMs, 0);
    await Promise.race([measure(broker.bootstrapServers, options), limit.promise]);
  } finally {
    limit.clear();
    await broker.stop();
  }
}

async function measure(servers: readonly string[], options: { records: number; naive: number; compare: number }): Promise<void> {
  const run = `-bench-${Date.now()}`;
  const producerTopics = await createClickstreamTopics({ bootstrapServers: servers, partitions: PARTITIONS, suffix: `${run}-p` });
  const groupTopics = await createClickstreamTopics({ bootstrapServers: servers, partitions: PARTITIONS, suffix: `${run}-g` });
  const events = generateClickstreamEvents({ events: options.records, users: 500, seed: 21 });

  const { project, java } = await compareWithJava(servers, producerTopics.clickstream, options.compare);
  const naive = await naiveRecordsPerSecond(servers, producerTopics.clickstream, events.slice(0, options.naive));
  printContext(`producer: ${options.compare} records in pipelined 500-record requests vs ${options.naive} records one awaited send each, acks=all`);
  printFigure('kafka_producer_records_per_s', project, 0);
  printFigure('kafka_java_producer_records_per_s', java, 0);
  printFigure('kafka_producer_vs_java', ratio(project, java));
  printFigure('kafka_naive_records_per_s', naive, 0);
  printFigure('kafka_producer_vs_naive', ratio(project, naive));

  await batchedRecordsPerSecond(servers, groupTopics.clickstream, events);
  const runs = [];
  for (const members of [1, 3]) {
    const result = await measureGroup(servers, { source: groupTopics.clickstream, state: groupTopics.sessions }, events.length, members, PARTITIONS);
    printContext(
      `group of ${members}: ${result.records} records in ${Math.round(result.elapsedMs)} ms (after the partitions were spread), ` +
        `partitions per member ${result.assigned.join('/')}, records per member ${result.perMember.join('/')}, longest write-to-commit window ${result.maxCommitWindowMs.toFixed(1)} ms`,
    );
    runs.push(perSecond(result.records, result.elapsedMs));
  }
  printFigure('kafka_group_records_per_s_1_member', runs[0] ?? Number.NaN, 0);
  printFigure('kafka_group_records_per_s_3_members', runs[1] ?? Number.NaN, 0);
  printFigure('kafka_group_3_vs_1_members', ratio(runs[1] ?? Number.NaN, runs[0] ?? Number.NaN));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  // Exit now: after the deadline the abandoned measurement would otherwise keep the process alive.
  process.exit(exitCodeFor(error));
});
