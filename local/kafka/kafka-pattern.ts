/**
 * The clickstream on Apache Kafka (Amazon MSK), as it registers with the pattern registry: on the
 * embedded target a real local broker, the sessionizer through the local MSK event source, competing
 * analytics members (one SIGKILLed mid-run); on a deployed one the stack's own consumers. Replays by
 * offset and by timestamp, the shared clickstream traffic.
 */
import { kafkaDevComponent } from '../dev/kafka-dev-component';
import { sampleClickstreamRecordBytes } from '../patterns/clickstream-traffic';
import { kafkaNotes, runKafkaColumn } from './kafka-column-run';
import { isKafkaNotRun, type KafkaColumn } from '../comparison/kafka-comparison';
import { kafkaCells } from './kafka-column-cells';
import { unmetKafkaExpectations } from './kafka-expectations';
import type { PatternEntry, PatternRunOutcome } from '../patterns/pattern-entry';
import type { PatternRunContext } from '../patterns/pattern-run-context';

/** The run itself: a thin call, the same on every target. */
async function run(context: PatternRunContext): Promise<PatternRunOutcome<KafkaColumn>> {
  const { options, progress, target } = context;
  const column = await runKafkaColumn(target.kafka, {
    events: options.events,
    users: options.users,
    ...(options.partitions === undefined ? {} : { partitions: options.partitions }),
    members: options.members ?? 4,
    ...(target.deadlines === undefined ? {} : { deadlineMs: target.deadlines.consumersMs }),
    ...(context.liveEvents === undefined ? {} : { liveEvents: context.liveEvents }),
    log: (line) => progress.log(line.startsWith('kafka') ? line : `kafka: ${line}`),
  });
  return { outcome: column, notes: [] };
}

/** What each figure of the Kafka column counts. */
const KAFKA_FIGURES: Readonly<Record<string, string>> = {
  produced: 'valid events written to `clickstream` (poison records not included)',
  seen: 'distinct valid events each consumer group processed: the sessionizer, the analytics members together, a new group from the earliest offset',
  'analytics per member': 'processings per analytics member, duplicates included',
  'after the SIGKILL': 'events never processed (lost) and processed twice after the killed member\'s partitions moved, and events still to produce at the kill',
  'per-key order inversions': 'first processings of a key\'s record after a later record of the same key, sessionizer, analytics and both replays together (expect 0)',
  'cross-partition interleavings':
    'adjacent first deliveries to the sessionizer whose production order is reversed (> 0: a partition keeps its records in order, the topic as a whole does not)',
  'by timestamp': 'events a group seeking to a timestamp taken halfway through producing processed, of those produced after it',
  compaction: 'records left on the compacted `clickstream-sessions` topic after the cleaner ran, and the keys they carry',
  'failed invocations': 'sessionizer invocations that failed and were retried or bisected',
  'on the dead-letter topic': 'poison records found on the dead-letter topic, of those written; and every record there (the rest of the exhausted batches)',
  'records after the poison': 'valid events the sessionizer completed on each poison record\'s partition after that record (> 0: the partition kept moving)',
  'busy, idle': 'members holding a partition, and members beyond the partition count that the group leaves idle until a rebalance',
  'per partition': 'records of `clickstream`, by partition',
  'hot key': 'the hot user\'s share of all records, and of the records of its partition',
};

export const kafkaPattern: PatternEntry<KafkaColumn> = {
  key: 'kafka',
  heading: 'Kafka topic (clickstream, MSK)',
  description: {
    provisioning: 'a real Apache Kafka broker (KRaft) with the clickstream, sessions (compacted) and dead-letter topics',
    consumers: ['sessionizer (Lambda handler through the local MSK event source)', 'analytics group (competing member processes; Fargate tasks in AWS)', 'replay groups from the earliest offset and from a timestamp'],
    traffic: 'the shared generated clickstream (local/patterns/clickstream-traffic.ts): same users and hot user as the Kinesis pattern',
    faults: 'poison records; the busiest analytics member SIGKILLed while records are still produced',
    observation: 'what each group processed, the dead-letter topic, the compacted sessions topic after the cleaner ran',
  },
  figures: KAFKA_FIGURES,
  schedule: 'always',
  run,
  cells: kafkaCells,
  expectations: unmetKafkaExpectations,
  notes: kafkaNotes,
  exitCode: (column) => (isKafkaNotRun(column) ? (column.exitCode ?? 0) : 0),
  workload: (column) =>
    isKafkaNotRun(column)
      ? undefined
      : {
          recordBytes: sampleClickstreamRecordBytes(),
          consumers: Object.keys(column.groups).length,
          ordering: 'per-key',
          work: 'event',
          // The replay group re-reads from the earliest offset: a day of retention covers it, as on the stream.
          replayHours: 24,
        },
  dev: kafkaDevComponent,
};
