/**
 * `npm run bench:kafka`: the Kafka pattern's figures on a real local broker (or
 * KAFKA_BOOTSTRAP_SERVERS), every produce with acks=all. A benchmark, not a test.
 *
 * 1. `kafka_broker_start_ms`: format + JVM start until the broker answers a metadata request.
 * 2. Producer: the project's pipelined producer vs. one awaited send per record → `kafka_producer_vs_naive`,
 *    and vs. Apache Kafka's Java `ProducerPerformance` (kafka-tools of the broker's version, Java's
 *    defaults, acks=all, 130-byte records) on the same broker and a topic of the same 6 partitions →
 *    `kafka_java_producer_records_per_s`, `kafka_producer_vs_java`. After a warm-up run each, both
 *    run `--compare` records in each of `--rounds` rounds, alternating which goes first; the figures
 *    are each side's median (kafka/producer-vs-java.ts). Java's figure is its own summary (timed
 *    from its first send, so the JVM's start-up, paid again by every Java run, is left out); the
 *    project's includes connecting. Java's records have no key (its sticky partitioner fills one
 *    partition's batch at a time); the project's are keyed by user, as in every other run, and each
 *    round's are read back: `kafka_producer_order_inversions` counts a user's records that follow a
 *    later-sent one (expect 0).
 * 3. Consumer group: the analytics members (state write + commit per batch) with 1 and with 3
 *    members on a 6-partition topic → `kafka_group_3_vs_1_members`. On 2 shared cores the members
 *    compete with the broker for CPU, so the ratio shows what partitions buy on this machine only.
 *
 * Options: `--records N` (group, default 20000), `--naive N` (default 1000), `--compare N` (producer
 * against Java, default 200000), `--rounds N` (default 3). The whole bench gives up after
 * `--deadline` seconds (default 900).
 */
import { generateClickstreamEvents } from '../runtime/clickstream/producer/generate-events';
import { createClickstreamTopics } from '../local/kafka/kafka-topics';
import { startKafkaBroker } from '../local/kafka/local-kafka-broker';
import { measureGroup } from './kafka/group-throughput';
import { batchedRecordsPerSecond, naiveRecordsPerSecond } from './kafka/producer-throughput';
import { compareWithJava } from './kafka/producer-vs-java';
import { positiveIntegerOptions } from './lib/bench-arguments';
import { printContext, printFigure, ratio } from './lib/print-figure';
import { perSecond } from './lib/stopwatch';
import { exitCodeFor } from '../runtime/shared/errors';

/** Six partitions: enough for three members to get two each. */
const PARTITIONS = 6;

/** Rejects after `seconds`, so a stuck run ends (and the broker is stopped) instead of hanging. */
function deadline(seconds: number): { promise: Promise<never>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`bench:kafka gave up after ${seconds} s (--deadline)`)), seconds * 1000);
  });
  return { promise, clear: () => clearTimeout(timer) };
}

async function main(): Promise<void> {
  const options = positiveIntegerOptions({ records: 20_000, naive: 1_000, compare: 200_000, rounds: 3, deadline: 900 });
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

async function measure(servers: readonly string[], options: { records: number; naive: number; compare: number; rounds: number }): Promise<void> {
  const run = `-bench-${Date.now()}`;
  const producerTopics = await createClickstreamTopics({ bootstrapServers: servers, partitions: PARTITIONS, suffix: `${run}-p` });
  const groupTopics = await createClickstreamTopics({ bootstrapServers: servers, partitions: PARTITIONS, suffix: `${run}-g` });
  const events = generateClickstreamEvents({ events: options.records, users: 500, seed: 21 });

  const { project, java, inversions, projectRecordsRead, projectDistinctEvents } = await compareWithJava({ bootstrapServers: servers, run, partitions: PARTITIONS, records: options.compare, rounds: options.rounds });
  printContext(
    `producer vs Java: ${options.rounds} rounds of ${options.compare} records each after a warm-up, acks=all, ${PARTITIONS} partitions, medians; ` +
      `the project's topics held ${projectRecordsRead} records (${projectDistinctEvents} distinct events) for ${options.rounds * options.compare} sent`,
  );
  const naive = await naiveRecordsPerSecond(servers, producerTopics.clickstream, events.slice(0, options.naive));
  printContext(`producer: ${options.compare} records in pipelined, idempotent 500-record requests vs ${options.naive} records one awaited send each, acks=all`);
  printFigure('kafka_producer_records_per_s', project, 0);
  printFigure('kafka_java_producer_records_per_s', java, 0);
  printFigure('kafka_producer_vs_java', ratio(project, java));
  printFigure('kafka_producer_order_inversions', inversions, 0);
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
