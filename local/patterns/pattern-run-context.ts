/**
 * What the runner hands every pattern it runs: the target, the size of the run, where progress
 * goes, and the log. The same for every pattern, so the runner names none of them.
 */
import type { EmailConsumerMode } from '../../runtime/email-worker/email-worker-choices';
import type { RunTarget } from '../target/run-target';
import type { RunEventSink } from '../web/run-event-sink';

/** How big a run is (from `npm start`'s flags). */
export interface PatternRunOptions {
  /** Email consumer runtime. @default 'fargate' (the stack's default) */
  readonly consumers?: EmailConsumerMode;
  /** Email jobs, malformed and failing ones included. */
  readonly jobs: number;
  /** Most email workers; the run starts with one and adds more under backlog. */
  readonly workers: number;
  /** Clickstream events (the Kinesis and the Kafka patterns run the same ones). */
  readonly events: number;
  /** Clickstream users (partition keys). */
  readonly users: number;
  /** Partitions of the Kafka `clickstream` topic. @default 3 */
  readonly partitions?: number;
  /** Kafka analytics member processes (one is SIGKILLed mid-run). @default 4 */
  readonly members?: number;
}

/** Updates one progress bar: how much is done, of how much, and a short detail. */
export type ProgressUpdate = (done: number, total: number, detail: string) => void;

/** One progress bar of a pattern. */
export interface ProgressBarSpec {
  /** The pattern's key, prefixed to plain progress lines. */
  readonly pattern: string;
  /** The bar's label, e.g. `SQS email jobs`. */
  readonly label: string;
  /** What is counted, e.g. `jobs accounted for`. */
  readonly unit: string;
}

/** Where a run reports as it goes. */
export interface RunProgress {
  /** A bar for one pattern; call the update as often as the pattern likes (plain lines are throttled). */
  bar(spec: ProgressBarSpec): ProgressUpdate;
  /** A line of the run's own log. */
  log(line: string): void;
}

/** What the runner hands a pattern. */
export interface PatternRunContext {
  /** Where the traffic goes: the embedded emulators, LocalStack or AWS; the run is the same code. */
  readonly target: RunTarget;
  readonly options: PatternRunOptions;
  readonly progress: RunProgress;
  /** Typed observations for the live page (`npm start -- --web`). @default undefined: no page, nothing sent */
  readonly liveEvents?: RunEventSink;
}
