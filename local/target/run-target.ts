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

/** One metric the handlers emit as EMF, summed from `since` on. */
export interface MetricQuery {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** Earliest datapoint to count (the run's start). */
  readonly since: Date;
  /** CloudWatch files a datapoint under its timestamp: how far past now to look. @default 60000 */
  readonly lookAheadMs?: number;
}

/** Where a target reads the handlers' EMF metrics. */
export interface MetricSource {
  /**
   * The metric's sum once it reaches `atLeast` or `deadlineMs` passes; null when the target has no
   * datapoint (never a guessed 0).
   */
  sum(query: MetricQuery, atLeast: number, deadlineMs: number): Promise<number | null>;
  /** Why a null sum is null on this target, for the notes. */
  readonly unavailableReason: string;
}

/** A target: one session factory per pattern. */
export interface RunTarget<EmailFaults = unknown> {
  readonly name: ComparisonTarget;
  readonly email: EmailTarget<EmailFaults>;
  readonly clickstream: ClickstreamTarget;
}
