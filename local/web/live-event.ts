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

export type { PatternName, RunStarted, EmailProgressEvent, SqsDepthEvent, SqsWorkerAddedEvent, KinesisProducedEvent, KinesisStreamEvent, KinesisShardEvent, KinesisConsumerEvent, KinesisPoisonEvent, KafkaBrokerEvent, KafkaMembersJoinedEvent, KafkaMemberKilledEvent, KafkaPartitionOwnerEvent, KafkaPartitionEvent, KafkaRebalanceEvent, DevStartedEvent, DevStoppedEvent, KafkaDeadLetterEvent, KafkaLagEvent, KafkaAnalyticsDoneEvent, LogEvent, RunObservation } from './live-observation';
import type { RunObservation } from './live-observation';

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
export type LiveObservation = RunObservation | RunFinishedEvent | RunFailedEvent;

/** An observation as sent: numbered in order and stamped with the time since the run started. */
export type LiveEvent = LiveObservation & { readonly seq: number; readonly atMs: number };
