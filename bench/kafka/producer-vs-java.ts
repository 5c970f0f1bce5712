/**
 * The project's producer against Apache Kafka's Java `ProducerPerformance` on one broker: a warm-up
 * run each, then rounds of one measured run each, in alternating order (so neither always runs on
 * the broker the other just warmed), each project run on a fresh topic of its own whose records are
 * read back for order. The figures are each side's median over the rounds: on 2 shared cores a
 * single run swings with whatever else runs.
 */
import { generateClickstreamEvents } from '../../runtime/clickstream/producer/generate-events';
import { createClickstreamTopics } from '../../local/kafka/kafka-topics';
import { localKafkaVersion } from '../../local/kafka/kafka-version';
import { median } from '../lib/median';
import { printContext, ratio } from '../lib/print-figure';
import { runJavaProducerPerformance } from './java-producer-performance';
import { checkProducedOrder, type ProducedOrder } from './producer-order';
import { batchedRecordsPerSecond } from './producer-throughput';

/** Records of each warm-up run, before the measured ones. */
const WARM_UP_RECORDS = 50_000;

/** Options of {@link compareWithJava}. */
export interface CompareWithJavaOptions {
  readonly bootstrapServers: readonly string[];
  /** Suffix of this run's topics. */
  readonly run: string;
  readonly partitions: number;
  /** Records of each measured run. */
  readonly records: number;
  /** Measured runs of each side. */
  readonly rounds: number;
}

/** Each side's median records/s; the project's order inversions, records read back and distinct events over all rounds. */
export interface JavaComparison {
  readonly project: number;
  readonly java: number;
  readonly inversions: number;
  readonly projectRecordsRead: number;
  readonly projectDistinctEvents: number;
}

/** One round: both sides once, in the given order, and the project's topic read back. */
async function measureRound(
  round: number,
  sides: { readonly project: () => Promise<number>; readonly java: () => Promise<number> },
  check: () => Promise<ProducedOrder>,
): Promise<{ readonly project: number; readonly java: number; readonly order: ProducedOrder }> {
  const projectFirst = round % 2 === 0;
  let project: number;
  let java: number;
  if (projectFirst) {
    project = await sides.project();
    java = await sides.java();
  } else {
    java = await sides.java();
    project = await sides.project();
  }
  const order = await check();
  printContext(
    `round ${round + 1} (${projectFirst ? 'project first' : 'Java first'}): project ${Math.round(project)}, Java ${Math.round(java)} records/s, ` +
      `ratio ${ratio(project, java).toFixed(2)}; the project's topic holds ${order.records} records, ${order.inversions} order inversions`,
  );
  return { project, java, order };
}

/** Runs the warm-ups and the rounds; see the file comment. */
export async function compareWithJava(options: CompareWithJavaOptions): Promise<JavaComparison> {
  const servers = options.bootstrapServers;
  const topicOf = async (name: string) => (await createClickstreamTopics({ bootstrapServers: servers, partitions: options.partitions, suffix: `${options.run}-${name}` })).clickstream;
  const events = generateClickstreamEvents({ events: options.records, users: 500, seed: 22 });
  const meanBytes = events.reduce((total, event) => total + Buffer.byteLength(JSON.stringify(event)), 0) / events.length;
  printContext(`producer vs Java: the project's mean record ${meanBytes.toFixed(0)} B, Java's 130 B`);
  const javaTopic = await topicOf('java');
  const java = async (count: number) =>
    (await runJavaProducerPerformance({ version: localKafkaVersion(), bootstrapServers: servers, topic: javaTopic, records: count, log: printContext })).recordsPerSecond;
  await batchedRecordsPerSecond(servers, javaTopic, events.slice(0, WARM_UP_RECORDS));
  await java(WARM_UP_RECORDS);
  const rounds = [];
  for (let round = 0; round < options.rounds; round += 1) {
    const topic = await topicOf(`p${round}`);
    const sides = { project: () => batchedRecordsPerSecond(servers, topic, events), java: () => java(options.records) };
    rounds.push(await measureRound(round, sides, () => checkProducedOrder(servers, topic, events)));
  }
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  return {
    project: median(rounds.map((result) => result.project)),
    java: median(rounds.map((result) => result.java)),
    inversions: sum(rounds.map((result) => result.order.inversions)),
    projectRecordsRead: sum(rounds.map((result) => result.order.records)),
    projectDistinctEvents: sum(rounds.map((result) => result.order.distinctEvents)),
  };
}
