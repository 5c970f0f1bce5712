/**
 * What the Kafka run needs from a target: the clients (the bootstrap servers and their TLS/SASL),
 * the compute that plays the consumers (locally the sessionizer behind the local MSK event source
 * and the analytics member processes; on a deployed stack nothing: its Lambda and Fargate tasks
 * already run), and where outcomes are read (topic reads, the dead-letter topic; the sessionizer's
 * own deliveries locally, its session table on a deployed stack). What a target cannot show or
 * inject (a SIGKILLed Fargate task, compaction within a run) is null there.
 */
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import type { KafkaComparison, KafkaNotRun } from '../comparison/kafka-comparison';
import type { KafkaTopicClient } from './kafka-topic-client';
import type { RunEventSink } from '../web/run-event-sink';

/** The three topics of the pattern. */
export interface KafkaTopics {
  readonly clickstream: string;
  readonly sessions: string;
  readonly deadLetter: string;
}

/** A record that can never be processed, as sent. */
export interface PoisonRecord {
  readonly key: string;
  readonly raw: string;
}

/** The size of the traffic, from the run's options. */
export interface KafkaTrafficRequest {
  readonly events: number;
  readonly users: number;
}

/** The records a target is sent. */
export interface PlannedKafkaTraffic {
  /** Valid events in production order. */
  readonly events: readonly ClickstreamEvent[];
  readonly hotUserId: string | undefined;
  /** Written after the first half of the events, so valid records follow them on their partitions. */
  readonly poison: readonly PoisonRecord[];
  /** Every key of this run starts with it; '' on topics only this run writes to. */
  readonly keyPrefix: string;
}

/** What the sessionizer did with the run's records. */
export interface SessionizerFigures {
  /** Distinct valid events it handled. */
  readonly seen: number;
  /** Keys whose records it handled out of their order. */
  readonly perKeyOrderInversions: number;
  /** @default null where its deliveries are not seen */
  readonly crossPartitionInterleavings: number | null;
  readonly recordsAfterPoisonOnItsPartition: number | null;
  readonly failedInvocations: number | null;
  /** It accounted for every valid event before the deadline. */
  readonly settled: boolean;
}

/** The consumers, as far as the run controls them. */
export interface KafkaCompute {
  /** Ids of the analytics members the run started; null where the platform runs them. */
  readonly memberIds: readonly string[] | null;
  /** SIGKILLs the member that has processed the most so far; its id, or null where the run controls none. */
  killBusiestMember(): Promise<string | null>;
  /** Waits up to `deadlineMs` for the sessionizer to handle `traffic`, and says what it did. */
  awaitSessionizer(traffic: PlannedKafkaTraffic, deadlineMs: number): Promise<SessionizerFigures>;
  /** Has the cleaner compact the sessions topic (every member but one stopped first); null where it cannot run within a run. */
  compactSessions(): Promise<{ readonly keys: number; readonly recordsAfter: number } | null>;
  stop(): Promise<void>;
}

/** What the run asks of a target before any traffic. */
export interface KafkaTargetPlan {
  readonly log: (line: string) => void;
  /** Partitions replacing the template's (`--partitions`); a deployed topic keeps its own. @default the template's */
  readonly partitions?: number;
  /** Analytics member processes to start where the run starts them. */
  readonly members: number;
  /** Typed observations for the live page (`--web`). @default undefined: nothing sent */
  readonly liveEvents?: RunEventSink;
}

/** The pattern on one target, ready for traffic. */
export interface KafkaTargetSession {
  /** Produces to and reads the topics (with TLS and SASL where the target needs them). */
  readonly client: KafkaTopicClient;
  readonly topics: KafkaTopics;
  /** The clickstream topic as run. */
  readonly topic: KafkaComparison['topic'];
  readonly notEmulated: readonly string[];
  readonly deployed: KafkaComparison['deployed'];
  readonly brokerStartMs: number | null;
  /** Pause between reads of an outcome that is not there yet. */
  readonly pollIntervalMs: number;
  /** The by-timestamp replay's group. */
  replayGroupId(runId: string): string;
  /** The records to send for `request`. */
  planTraffic(request: KafkaTrafficRequest, runId: string): PlannedKafkaTraffic;
  /** Starts the compute before any traffic. */
  startCompute(traffic: PlannedKafkaTraffic): Promise<KafkaCompute>;
  close(): Promise<void>;
}

/** A target of the Kafka pattern. */
export interface KafkaTarget {
  /** Why the pattern cannot run on this target (nothing is started), or undefined when it can. */
  unavailable(): Promise<KafkaNotRun | undefined>;
  open(plan: KafkaTargetPlan): Promise<KafkaTargetSession>;
}
