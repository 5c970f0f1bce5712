/**
 * What the live page is told while `npm start -- --web` runs: small, typed observations of the three
 * patterns, then the run's own `--json` object. Times are milliseconds since the run started (no
 * clock time: the page draws timelines, not dates). The page reads these as JSON over Server-Sent
 * Events (assets/app.js), so every field is plain data.
 */
import type { ComparisonRow } from '../comparison/comparison-table';
import type { ClickstreamComparison, EmailComparison } from '../comparison/comparison-result';
import type { KafkaColumn } from '../comparison/kafka-comparison';
import type { PatternAdvice } from './pattern-advice';

/** Which pattern an event belongs to. */
export type PatternName = 'sqs' | 'kinesis' | 'kafka';

/** The run's size, as the page needs it to draw empty lanes before any record arrives. */
export interface RunStarted {
  readonly kind: 'run-started';
  readonly jobs: number;
  readonly maxWorkers: number;
  readonly events: number;
  /** Kafka partitions asked for on the command line. @default undefined: the Kafka template's count */
  readonly partitions: number | undefined;
  readonly members: number;
}

/** The email run's counts (local/email/email-run.ts onProgress). */
export interface EmailProgressEvent {
  readonly kind: 'email-progress';
  readonly accountedFor: number;
  readonly total: number;
  readonly delivered: number;
  readonly deadLettered: number;
  readonly workers: number;
}

/** The queue's depth as SQS reports it; emitted where the run reads its attributes (see README of local/web). */
export interface SqsDepthEvent {
  readonly kind: 'sqs-depth';
  readonly visible: number;
  readonly inFlight: number;
  readonly workers: number;
}

/** A worker was added under backlog. */
export interface SqsWorkerAddedEvent {
  readonly kind: 'sqs-worker-added';
  readonly backlog: number;
  readonly workers: number;
}

/** Clickstream records written to the stream so far. */
export interface KinesisProducedEvent {
  readonly kind: 'kinesis-produced';
  readonly written: number;
  readonly total: number;
}

/** The stream the readers poll, and how many shards it has. */
export interface KinesisStreamEvent {
  readonly kind: 'kinesis-stream';
  readonly shards: number;
}

/** Records counted on one shard so far. */
export interface KinesisShardEvent {
  readonly kind: 'kinesis-shard';
  readonly shardId: string;
  readonly records: number;
}

/** A Kinesis reader's position: valid records it has seen. */
export interface KinesisConsumerEvent {
  readonly kind: 'kinesis-consumer';
  readonly consumer: string;
  readonly seen: number;
  readonly caughtUp: boolean;
}

/** Poison records written, and where the failed batch went. */
export interface KinesisPoisonEvent {
  readonly kind: 'kinesis-poison';
  readonly written: number;
  readonly destination: string;
}

/** The local broker answered. */
export interface KafkaBrokerEvent {
  readonly kind: 'kafka-broker';
  readonly address: string;
  readonly startMs: number;
}

/** The analytics members joined their group and production started. */
export interface KafkaMembersJoinedEvent {
  readonly kind: 'kafka-members-joined';
  readonly members: number;
  readonly partitions: number;
  readonly events: number;
}

/** A group member was SIGKILLed; its partitions move after the session timeout. */
export interface KafkaMemberKilledEvent {
  readonly kind: 'kafka-member-killed';
  readonly memberId: string;
  readonly sessionTimeoutMs: number;
}

/** Who owns a partition in the analytics group now (a rebalance emits one per moved partition). */
export interface KafkaPartitionOwnerEvent {
  readonly kind: 'kafka-partition-owner';
  readonly partition: number;
  readonly memberId: string;
}

/** Records of a batch sent to the dead-letter topic after the retries ran out. */
export interface KafkaDeadLetterEvent {
  readonly kind: 'kafka-dead-letter';
  readonly records: number;
  readonly partition: number;
  readonly topic: string;
}

/** How far behind the end of the topic a group is. */
export interface KafkaLagEvent {
  readonly kind: 'kafka-lag';
  readonly group: string;
  readonly lag: number;
}

/** Analytics accounted for every event after the rebalance. */
export interface KafkaAnalyticsDoneEvent {
  readonly kind: 'kafka-analytics-done';
  readonly seen: number;
  readonly total: number;
  readonly duplicates: number;
}

/** A line of the run's own log, for the page's log panel. */
export interface LogEvent {
  readonly kind: 'log';
  readonly pattern: PatternName | 'run';
  readonly line: string;
}

/**
 * The `--json` object (comparisonJson): every pattern's outcome under its registry key. The parts
 * the three live panels draw are typed; any other registered pattern is there too, untyped.
 */
export type RunJson = Readonly<Record<string, unknown>> & {
  readonly email?: EmailComparison;
  readonly clickstream?: ClickstreamComparison;
  readonly kafka?: KafkaColumn;
};

/** A pattern of the finished run, in registry order: its JSON key and its column heading. */
export interface FinishedPattern {
  readonly key: string;
  readonly heading: string;
}

/** The end: the `--json` object, the table's five rows, the advise line, and the advisor's answer for each pattern. */
export interface RunFinishedEvent {
  readonly kind: 'run-finished';
  readonly json: RunJson;
  readonly patterns: readonly FinishedPattern[];
  readonly rows: readonly ComparisonRow[];
  /** The line `npm start` ends with (adviseLineForRun). */
  readonly adviseLine: string;
  readonly advice: readonly PatternAdvice[];
  readonly exitCode: number;
}

/** The run threw: the page says so instead of waiting forever. */
export interface RunFailedEvent {
  readonly kind: 'run-failed';
  readonly message: string;
}

/** Any observation, without its time. */
export type LiveObservation =
  | RunStarted
  | EmailProgressEvent
  | SqsDepthEvent
  | SqsWorkerAddedEvent
  | KinesisProducedEvent
  | KinesisStreamEvent
  | KinesisShardEvent
  | KinesisConsumerEvent
  | KinesisPoisonEvent
  | KafkaBrokerEvent
  | KafkaMembersJoinedEvent
  | KafkaMemberKilledEvent
  | KafkaPartitionOwnerEvent
  | KafkaDeadLetterEvent
  | KafkaLagEvent
  | KafkaAnalyticsDoneEvent
  | LogEvent
  | RunFinishedEvent
  | RunFailedEvent;

/** An observation as sent: numbered in order and stamped with the time since the run started. */
export type LiveEvent = LiveObservation & { readonly seq: number; readonly atMs: number };
