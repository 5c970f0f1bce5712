/**
 * The parts of `npm start -- --json` for the registered patterns, every figure observed in that
 * run, and the whole of a run against LocalStack or AWS (local/remote/ fills it; each pattern then
 * takes its part, see comparison-run-of-result.ts).
 *
 * Figures a target cannot observe are `null` (never a guessed number), with the reason in `notes`.
 */
import type { KafkaColumn } from './kafka-comparison';

/** Where the traffic went. */
export type ComparisonTarget = 'embedded' | 'localstack' | 'aws';

/** The email worker (SQS task queue) half. */
export interface EmailComparison {
  /** Jobs sent to the queue, malformed ones included. */
  readonly enqueued: number;
  /** Malformed jobs among them. */
  readonly malformed: number;
  /** Valid jobs delivered at least once. */
  readonly delivered: number;
  /** Extra deliveries of a job already delivered (0 = each job handled by exactly one worker); null when the target cannot count sends. */
  readonly duplicates: number | null;
  /** Messages that ended in the DLQ. */
  readonly deadLettered: number;
  /** Malformed jobs found in the DLQ. */
  readonly malformedDeadLettered: number;
  /** Deliveries per competing worker: each job went to exactly one of them. */
  readonly perWorker: Readonly<Record<string, number>> | null;
  /** Adjacent deliveries whose enqueue order is reversed (a standard queue gives no order). */
  readonly orderInversions: number | null;
  /** Receives beyond the first (visibility-timeout redeliveries of transient failures). */
  readonly redeliveries: number | null;
  /** Messages that could be received again after the run (a deleted message is gone: expect 0). */
  readonly receivableAfterRun: number | null;
  /** Workers running at the start and at the peak of the backlog (scaling unit: workers). */
  readonly workers: { readonly initial: number; readonly peak: number } | null;
  /**
   * Valid jobs that failed on every receive and that SQS itself moved to the DLQ after
   * maxReceiveCount receives (redrive policy). @default absent when the target cannot tell
   */
  readonly redrivenAfterMaxReceives?: number | null;
  /** Highest ApproximateReceiveCount a consumer reported for a failing message. @default absent when not observed */
  readonly highestReceiveCount?: number | null;
  /** Jobs neither delivered nor dead-lettered when the run ended (expect 0). @default absent when not counted */
  readonly lost?: number | null;
  /**
   * Mean milliseconds a consumer spent on one completed job (the handlers' JobDuration metric):
   * the work time `npm start`'s advise line passes. @default absent when not observed
   */
  readonly meanJobMs?: number | null;
}

/** What one Kinesis consumer observed. */
export interface ConsumerComparison {
  /** Distinct valid events it received. */
  readonly seen: number;
  /** First deliveries of a user's event after a later event of the same user (expect 0). */
  readonly perUserOrderInversions: number;
}

/** The clickstream (Kinesis stream) half. */
export interface ClickstreamComparison {
  /** Valid events written to the stream. */
  readonly produced: number;
  /** Every consumer sees every record: processor, dashboard and a reader replaying from TRIM_HORIZON. */
  readonly consumers: Readonly<Record<'processor' | 'dashboard' | 'replay', ConsumerComparison | null>> & {
    /**
     * The Firehose archive, counted from the objects in its bucket (order is not promised across
     * objects, so its inversions are not in `perUserOrderInversions`). @default absent when not observed
     */
    readonly archive?: ConsumerComparison | null;
  };
  /** Objects in the archive bucket and duplicate records in them (Firehose is at-least-once). @default absent when not observed */
  readonly archive?: { readonly objects: number; readonly duplicates: number; readonly errorObjects: number } | null;
  /** Sum over consumers (expect 0): order holds per partition key. */
  readonly perUserOrderInversions: number;
  /** Adjacent deliveries whose production order is reversed across shards (> 0: no global order). */
  readonly crossShardInterleavings: number | null;
  /** The replaying reader reproduced the dashboard's aggregates. */
  readonly replayAggregatesEqual: boolean | null;
  /** Poison records written, and how many reached the on-failure destination. */
  readonly poison: { readonly written: number; readonly atOnFailureDestination: number } | null;
  /** Records per shard; with a hot key, one shard carries a disproportionate share. */
  readonly perShard: Readonly<Record<string, number>> | null;
  /** The hot user's share of all records and the share of its shard. */
  readonly hotKey: { readonly userId: string; readonly shareOfRecords: number; readonly shardId: string; readonly shareOfShard: number } | null;
  /**
   * Kinesis records the producer wrote to carry the `produced` events: fewer where it packed a
   * key's backlog into KPL aggregated records. @default absent when not observed
   */
  readonly kinesisRecords?: number | null;
  /**
   * Valid records the processor received from each poison record's shard after the poison record
   * (> 0: the shard kept moving past the failure). @default absent when not observed
   */
  readonly recordsAfterPoisonOnItsShard?: number | null;
  /** Processor invocations that failed and were retried or bisected. @default absent when not observed */
  readonly failedProcessorInvocations?: number | null;
  /** Deliveries of poison records to the processor, retries and bisected halves included. @default absent when not observed */
  readonly poisonDeliveriesToProcessor?: number | null;
}

/** The whole run. */
export interface ComparisonResult {
  readonly target: ComparisonTarget;
  readonly email: EmailComparison;
  readonly clickstream: ClickstreamComparison;
  /** The clickstream on Apache Kafka: a real local broker (embedded), or the deployed Kafka stack (or why it could not run). @default absent */
  readonly kafka?: KafkaColumn;
  /** What this target could not show, and what is not emulated. */
  readonly notes: readonly string[];
}
