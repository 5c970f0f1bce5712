/**
 * `npm run bench:kafka`: the Kafka pattern's figures on a real local broker (or
 * KAFKA_BOOTSTRAP_SERVERS), every produce with acks=all. A benchmark, not a test.
 *
 * 1. `kafka_broker_start_ms`: format + JVM start until the broker answers a metadata request.
 * 2. Producer: the project's batched producer vs. one awaited send per record → `kafka_producer_vs_naive`.
 * 3. Consumer group: the analytics members (state write + commit per batch) with 1 and with 3
 *    members on a 6-partition topic → `kafka_group_3_vs_1_members`. On 2 shared cores the members
 *    compete with the broker for CPU, so the ratio shows what partitions buy on this machine only.
 *
 * Options: `--records N` (producer and group, default 20000), `--naive N` (default 1000).
 */
import { generateClickstreamEvents } from '../runtime/clickstream/producer/generate-events';
import { createClickstreamTopics } from '../local/kafka/kafka-topics';
import { startKafkaBroker } from '../local/kafka/local-kafka-broker';
import { measureGroup } from './kafka/group-throughput';
import { batchedRecordsPerSecond, naiveRecordsPerSecond } from './kafka/producer-throughput';
import { positiveIntegerOptions } from './lib/bench-arguments';
import { printContext, printFigure, ratio } from './lib/print-figure';
import { perSecond } from './lib/stopwatch';
import { exitCodeFor } from '../runtime/shared/errors';

/** Six partitions: enough for three members to get two each. */
const PARTITIONS = 6;

async function main(): Promise<void> {
  const options = positiveIntegerOptions({ records: 20_000, naive: 1_000 });
  const broker = await startKafkaBroker({ log: (line) => printContext(line) });
  try {
    printContext(`broker: ${broker.origin} ${broker.version ?? ''} on ${broker.bootstrapServers.join(',')}`);
    if (broker.origin === 'local') printFigure('kafka_broker_start_ms', broker.startMs, 0);
    const servers = broker.bootstrapServers;
    const run = `-bench-${Date.now()}`;
    const producerTopics = await createClickstreamTopics({ bootstrapServers: servers, partitions: PARTITIONS, suffix: `${run}-p` });
    const groupTopics = await createClickstreamTopics({ bootstrapServers: servers, partitions: PARTITIONS, suffix: `${run}-g` });
    const events = generateClickstreamEvents({ events: options.records, users: 500, seed: 21 });

    const batched = await batchedRecordsPerSecond(servers, producerTopics.clickstream, events);
    const naive = await naiveRecordsPerSecond(servers, producerTopics.clickstream, events.slice(0, options.naive));
    printContext(`producer: ${events.length} records in 500-record requests vs ${options.naive} records one awaited send each, acks=all`);
    printFigure('kafka_producer_records_per_s', batched, 0);
    printFigure('kafka_naive_records_per_s', naive, 0);
    printFigure('kafka_producer_vs_naive', ratio(batched, naive));

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
  } finally {
    await broker.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = exitCodeFor(error);
});
