/**
 * Where a run's traffic goes. The embedded emulators, LocalStack and a deployed AWS stack differ
 * in three things only, and a target supplies exactly those: the clients (inside each pattern's
 * session), the compute that plays the consumers (local processes and event-source runners, or
 * nothing: the deployed functions and tasks already run), and where outcomes are read (for the
 * handlers' EMF metrics: their local log lines, or CloudWatch). Every pattern's run logic (traffic,
 * fault injection, observation, figures) is written once against this interface.
 */
import type { ComparisonTarget } from '../comparison/comparison-result';
import type { ClickstreamTarget } from '../clickstream/clickstream-target';
import type { EmailTarget } from '../email/email-target';
import type { KafkaTarget } from '../kafka/kafka-target';
import type { FifoTarget } from '../email/fifo/fifo-target';
import type { FanoutTarget } from '../fanout/fanout-target';

export type { MetricQuery, MetricSource } from './metric-source';

/** How long a run waits on this target's consumers and metrics. */
export interface TargetDeadlines {
  /** Longest wait for the consumers to account for the run, in ms. */
  readonly consumersMs: number;
  /** Longest wait for EMF metrics, in ms (0: read once). */
  readonly metricsMs: number;
}

/** A target: one session factory per pattern. */
export interface RunTarget<EmailFaults = unknown> {
  readonly name: ComparisonTarget;
  readonly email: EmailTarget<EmailFaults>;
  readonly clickstream: ClickstreamTarget;
  readonly kafka: KafkaTarget;
  /** @default undefined: no deployed form yet (the pattern's entry says so with `embeddedOnly`) */
  readonly emailFifo?: FifoTarget;
  /** @default undefined: no deployed form yet (the pattern's entry says so with `embeddedOnly`) */
  readonly fanout?: FanoutTarget;
  /** @default undefined: each pattern's own (local consumers answer within its defaults) */
  readonly deadlines?: TargetDeadlines;
}
