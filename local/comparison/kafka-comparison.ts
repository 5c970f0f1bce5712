/**
 * The Kafka (Amazon MSK) column of the comparison: the `kafka` object of `npm start -- --json`.
 * Every figure is observed in the run on a real broker (local/kafka/kafka-comparison-run.ts); when no
 * broker can be had, the column carries the reason instead, so the other two patterns still run.
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
  /** Every record on the dead-letter topic: poison plus the valid records after it in the exhausted batch. */
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

/** No broker could be had: what to install (or point KAFKA_BOOTSTRAP_SERVERS at). */
export interface KafkaNotRun {
  readonly notRun: string;
  /** CI=true: a missing broker is a failure, never a silent skip (as in the Kafka test suites). */
  readonly required: boolean;
}

/** The column: the figures, or why there are none. */
export type KafkaColumn = KafkaComparison | KafkaNotRun;

export function isKafkaNotRun(column: KafkaColumn): column is KafkaNotRun {
  return 'notRun' in column;
}
