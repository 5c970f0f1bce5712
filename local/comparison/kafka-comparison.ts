/**
 * The Kafka (Amazon MSK) column of the comparison: the `kafka` object of `npm start -- --json`.
 * Every figure is observed in the run on a real broker (local/kafka/kafka-comparison-run.ts); when no
 * broker can be had, the column carries the reason instead, so the other patterns still run.
 */

/** What one consumer group saw. */
export interface KafkaGroupComparison {
  /** Distinct valid events it processed. */
  readonly seen: number;
}

/** The Kafka clickstream run's figures. */
export interface KafkaComparison {
  /** Valid events written to `clickstream` (poison records not included). */
  readonly produced: number;
  /** Poison records written (not JSON, or missing fields). */
  readonly poisonWritten: number;
  /** Partitions of `clickstream`. */
  readonly partitions: number;
  /**
   * The `clickstream` topic as run: its partitions and configs, and where the partition count came
   * from (`template`: what the synthesized Kafka stack declares; `flag`: `--partitions`).
   */
  readonly topic: {
    readonly name: string;
    readonly partitions: number;
    readonly partitionsSource: 'template' | 'flag';
    readonly configs: Readonly<Record<string, string>>;
  };
  /** What the template declares that the local run does not create or play as declared. */
  readonly notEmulated: readonly string[];
  /** Analytics member processes started (one is SIGKILLed mid-run). */
  readonly members: number;
  /** Milliseconds until the broker answered (0 for KAFKA_BOOTSTRAP_SERVERS). */
  readonly brokerStartMs: number;
  /** Groups that read from the start: the sessionizer (MSK event source), the analytics members together, a replay from the earliest offset. */
  readonly groups: Readonly<Record<'sessionizer' | 'analytics' | 'replay-earliest', KafkaGroupComparison>>;
  /** Processings per analytics member, duplicates included. */
  readonly perMember: Readonly<Record<string, number>>;
  /** Members beyond the partition count: the group gives them no partition until a rebalance. */
  readonly idleMembers: number;
  /** A group that seeks to a timestamp taken halfway through producing. */
  readonly replayFromTimestamp: { readonly seen: number; readonly expected: number };
  /** First processings of a key's record after a later one of the same key, sessionizer and analytics together (expect 0). */
  readonly perKeyOrderInversions: number;
  /** Adjacent first deliveries to the sessionizer whose production order is reversed (> 0: order is per partition only). */
  readonly crossPartitionInterleavings: number;
  /** The member SIGKILLed mid-run (the busiest at that moment). */
  readonly killedMember: string;
  /**
   * After the SIGKILL: events never processed (expect 0), events processed twice after its partitions
   * moved, and the events still to produce when it was killed (> 0: killed mid-produce).
   */
  readonly rebalance: { readonly lost: number; readonly duplicates: number; readonly producedAfterKill: number };
  /** Both replay groups reproduced the aggregates of what they read. */
  readonly replayAggregatesEqual: boolean;
  /** Poison records found on the dead-letter topic. */
  readonly deadLettered: number;
  /** Every record on the dead-letter topic (a Kafka partial batch response retries and dead-letters only the records it names: expect the poison records alone). */
  readonly deadLetterTopicRecords: number;
  /** Sessionizer invocations that failed (and were retried or bisected). */
  readonly failedInvocations: number;
  /** Valid events the sessionizer completed after the first poison record on that record's partition (> 0: the partition kept moving). */
  readonly recordsAfterPoisonOnItsPartition: number;
  /** Records per partition of `clickstream`. */
  readonly perPartition: Readonly<Record<string, number>>;
  /** The hot user: its share of all records and the share of its partition. */
  readonly hotKey: { readonly userId: string; readonly shareOfRecords: number; readonly partition: number; readonly shareOfPartition: number } | null;
  /** The compacted `clickstream-sessions` topic after the cleaner ran: keys, and records left. */
  readonly compaction: { readonly keys: number; readonly recordsAfter: number };
}

/**
 * The column of a run against the deployed Kafka stack (`--target aws|localstack`): the same keys,
 * observed through the deployed consumers; `null` where a deployed target cannot show the figure
 * (the notes say why).
 */
export interface DeployedKafkaComparison {
  /** The stack the run read, and its cluster type. */
  readonly deployed: { readonly stackName: string; readonly clusterMode: string };
  /** Valid events written to `clickstream` by this run. */
  readonly produced: number;
  readonly poisonWritten: number;
  /** Partitions of `clickstream`. */
  readonly partitions: number;
  /**
   * sessionizer: events of users whose DynamoDB session equals the fold of their events; analytics:
   * events the Fargate members recorded on the sessions topic; replay-earliest: a new group's read.
   */
  readonly groups: Readonly<Record<'sessionizer' | 'analytics' | 'replay-earliest', KafkaGroupComparison>>;
  /** Processings per analytics member (Fargate task), duplicates included. */
  readonly perMember: Readonly<Record<string, number>>;
  readonly replayFromTimestamp: { readonly seen: number; readonly expected: number };
  /** Users whose stored session differs, plus per-key inversions of the analytics members and the replay. */
  readonly perKeyOrderInversions: number;
  /** null: nothing is killed on a deployed target (stop a Fargate task by hand to watch a rebalance). */
  readonly rebalance: null;
  /** Duplicates the analytics members recorded (at-least-once after any rebalance during the run). */
  readonly analyticsDuplicates: number;
  readonly replayAggregatesEqual: boolean;
  /** Poison records found on the dead-letter topic. */
  readonly deadLettered: number;
  /** Records of this run on the dead-letter topic. */
  readonly deadLetterTopicRecords: number;
  readonly perPartition: Readonly<Record<string, number>>;
  readonly hotKey: KafkaComparison['hotKey'];
  /** null: the deployed sessions topic rolls segments hourly, so the cleaner has nothing to compact within a run. */
  readonly compaction: null;
  /** Sessions, analytics and the dead-letter topic all caught up before the deadline. */
  readonly settled: boolean;
}

/** No broker could be had: what to install (or point KAFKA_BOOTSTRAP_SERVERS at), or why the deployed one cannot be used. */
export interface KafkaNotRun {
  readonly notRun: string;
  /** CI=true: a missing broker is a failure, never a silent skip (as in the Kafka test suites). */
  readonly required: boolean;
  /**
   * The exit code of a run whose other checks held: 3 when this machine cannot use the Kafka target
   * (an EnvironmentError: unreachable brokers, MSK absent on LocalStack). @default absent: 0
   */
  readonly exitCode?: number;
}

/** The column: the figures, or why there are none. */
export type KafkaColumn = KafkaComparison | DeployedKafkaComparison | KafkaNotRun;

export function isKafkaNotRun(column: KafkaColumn): column is KafkaNotRun {
  return 'notRun' in column;
}

export function isDeployedKafka(column: KafkaColumn): column is DeployedKafkaComparison {
  return 'deployed' in column;
}
