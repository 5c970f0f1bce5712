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

export type { MetricQuery, MetricSource } from './metric-source';

/** A target: one session factory per pattern. */
export interface RunTarget<EmailFaults = unknown> {
  readonly name: ComparisonTarget;
  readonly email: EmailTarget<EmailFaults>;
  readonly clickstream: ClickstreamTarget;
}
