/**
 * The Kafka (Amazon MSK) column of the comparison: the `kafka` object of `npm start -- --json`.
 * Every figure is observed in the run (local/kafka/kafka-pattern-run.ts), on a real local broker or
 * the deployed stack; when neither can be had, the column carries the reason instead, so the other
 * patterns still run.
 */

/** What one consumer group saw. */
export interface KafkaGroupComparison {
  /** Distinct valid events it processed. */
  readonly seen: number;
}

/** The Kafka clickstream run's figures; `null` where the target cannot show one (the notes say why). */
export interface KafkaComparison {
  /** Valid events written to `clickstream` (poison records not included). */
  readonly produced: number;
  /** Poison records written (not JSON, or missing fields). */
  readonly poisonWritten: number;
  /** Partitions of `clickstream`. */
  readonly partitions: number;
  /**
   * The `clickstream` topic as run: its partitions and configs, and where the partition count came
   * from (`template`: what the synthesized Kafka stack declares; `flag`: `--partitions`; `deployed`:
   * the deployed cluster's metadata, whose configs are not read: null).
   */
  readonly topic: {
    readonly name: string;
    readonly partitions: number;
    readonly partitionsSource: 'template' | 'flag' | 'deployed';
    readonly configs: Readonly<Record<string, string>> | null;
  };
  /** What the template declares that the local run does not create or play as declared (none on a deployed stack). */
  readonly notEmulated: readonly string[];
  /** The deployed stack the run read, and its cluster type. @default absent: the embedded broker */
  readonly deployed?: { readonly stackName: string; readonly clusterMode: string };
  /** Analytics member processes the run started (one is SIGKILLed mid-run); null where the platform runs them (Fargate). */
  readonly members: number | null;
  /** Milliseconds until the broker answered (0 for KAFKA_BOOTSTRAP_SERVERS); null for a deployed cluster. */
  readonly brokerStartMs: number | null;
  /** Groups that read from the start: the sessionizer (MSK event source), the analytics members together, a replay from the earliest offset. */
  readonly groups: Readonly<Record<'sessionizer' | 'analytics' | 'replay-earliest', KafkaGroupComparison>>;
  /** Processings per analytics member, duplicates included. */
  readonly perMember: Readonly<Record<string, number>>;
  /** Members beyond the partition count: the group gives them no partition until a rebalance. null where the run starts none. */
  readonly idleMembers: number | null;
  /** A group that seeks to a timestamp taken halfway through producing. */
  readonly replayFromTimestamp: { readonly seen: number; readonly expected: number };
  /** First processings of a key's record after a later one of the same key, sessionizer, analytics and both replays together (expect 0). */
  readonly perKeyOrderInversions: number;
  /** Adjacent first deliveries to the sessionizer whose production order is reversed (> 0: order is per partition only); null when its deliveries are not seen. */
  readonly crossPartitionInterleavings: number | null;
  /** The member SIGKILLed mid-run (the busiest at that moment); null where the run controls no member. */
  readonly killedMember: string | null;
  /**
   * After the SIGKILL: events never processed (expect 0), events processed twice after its partitions
   * moved, and the events still to produce when it was killed (> 0: killed mid-produce). null: nothing was killed.
   */
  readonly rebalance: { readonly lost: number; readonly duplicates: number; readonly producedAfterKill: number } | null;
  /** Extra processings the analytics members recorded (at-least-once after any rebalance). */
  readonly analyticsDuplicates: number;
  /** Both replay groups reproduced the aggregates of what they read. */
  readonly replayAggregatesEqual: boolean;
  /** Poison records found on the dead-letter topic. */
  readonly deadLettered: number;
  /** This run's records on the dead-letter topic (a Kafka partial batch response retries and dead-letters only the records it names: expect the poison records alone). */
  readonly deadLetterTopicRecords: number;
  /** Sessionizer invocations that failed (and were retried or bisected); null when its invocations are not seen. */
  readonly failedInvocations: number | null;
  /** Valid events the sessionizer completed after the first poison record on that record's partition (> 0: the partition kept moving); null when not seen. */
  readonly recordsAfterPoisonOnItsPartition: number | null;
  /** Records per partition of `clickstream`. */
  readonly perPartition: Readonly<Record<string, number>>;
  /** The hot user: its share of all records and the share of its partition. */
  readonly hotKey: { readonly userId: string; readonly shareOfRecords: number; readonly partition: number; readonly shareOfPartition: number } | null;
  /** The compacted `clickstream-sessions` topic after the cleaner ran: keys, and records left; null where the cleaner cannot run within a run. */
  readonly compaction: { readonly keys: number; readonly recordsAfter: number } | null;
  /** The sessionizer, the analytics members and the dead-letter topic all caught up before the deadline. */
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
export type KafkaColumn = KafkaComparison | KafkaNotRun;

export function isKafkaNotRun(column: KafkaColumn): column is KafkaNotRun {
  return 'notRun' in column;
}
