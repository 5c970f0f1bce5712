/**
 * What a pattern run observes while it runs, for the live page: small, typed, plain-data events.
 * This file imports nothing of the comparison, so a run's context can name its sink (run-event-sink.ts)
 * without an import circle; the final events live in live-event.ts.
 */
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

/** The queue's depth as SQS reports it (ApproximateNumberOfMessages and …NotVisible), sampled at most once a second. */
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

/**
 * Records of one partition the analytics group has processed so far: distinct source offsets in the
 * state records its members write to `clickstream-sessions`.
 */
export interface KafkaPartitionEvent {
  readonly kind: 'kafka-partition';
  readonly partition: number;
  readonly records: number;
}

/**
 * The group moved a SIGKILLed member's partition: emitted when the first record of that partition
 * processed by another member is seen, so it sits on the timeline where the rebalance took effect.
 */
export interface KafkaRebalanceEvent {
  readonly kind: 'kafka-rebalance';
  readonly partition: number;
  readonly fromMember: string;
  readonly toMember: string;
}

/** `npm run dev -- --web` is up: the page draws what outside clients send, with no run size and no end result. */
export interface DevStartedEvent {
  readonly kind: 'dev-started';
  /** The components that run (skipped ones left out), in registry order. */
  readonly components: readonly string[];
}

/** `npm run dev` is stopping (Ctrl-C): the page keeps what it drew. */
export interface DevStoppedEvent {
  readonly kind: 'dev-stopped';
}

/** Records of a batch sent to the dead-letter topic after the retries ran out. */
export interface KafkaDeadLetterEvent {
  readonly kind: 'kafka-dead-letter';
  readonly records: number;
  readonly partition: number;
  readonly topic: string;
}

/**
 * How far behind the end of the clickstream topic a group is: the records between its committed
 * offsets and the partitions' end offsets, sampled from the broker (group-lag-sampler.ts); sent when it changed.
 */
export interface KafkaLagEvent {
  readonly kind: 'kafka-lag';
  /** The group's name in the run's figures (`sessionizer`, `analytics`), without the run's suffix. */
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

/** Any observation a run makes while it runs, without its time. */
export type RunObservation =
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
  | KafkaPartitionEvent
  | KafkaRebalanceEvent
  | DevStartedEvent
  | DevStoppedEvent
  | KafkaDeadLetterEvent
  | KafkaLagEvent
  | KafkaAnalyticsDoneEvent
  | LogEvent;
