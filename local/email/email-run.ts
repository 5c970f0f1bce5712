/**
 * The email pattern end to end on this machine: the shared run (email-pattern-run.ts) on the
 * embedded target, with every figure the embedded target observes filled in. The integration tests
 * call `runEmbeddedEmail` (`npm start` runs the shared run through the registry); everything it
 * starts, it stops.
 */
import type { ConsumerExit } from './consumer-processes';
import { embeddedEmailTarget, type EmailRunInProgress } from './embedded-email-target';
import type { EmailWorkerScaling } from './email-pattern-outcome';
import { runEmailPattern, type EmailPatternOptions } from './email-pattern-run';
import type { EmailRunOutcome } from './email-run-outcome';
import type { RetryObservation } from './retry-log-counter';

export type { EmailRunInProgress } from './embedded-email-target';
export type { EmailWorkerScaling } from './email-pattern-outcome';
export type { EmailRunProgress } from './watch-email-run';

/** Options of one embedded run. */
export type EmailRunOptions = EmailPatternOptions<EmailRunInProgress>;

/** What an embedded run did: every figure observed (the embedded target observes them all). */
export interface EmailRunResult extends EmailRunOutcome {
  readonly consumers: EmailRunOptions['consumers'];
  /** Every job was delivered or dead-lettered before the deadline. */
  readonly completed: boolean;
  /** Extra acknowledged copies of valid jobs, as the SMTP sink saw them (0 is exactly-once). */
  readonly duplicates: number;
  /** Acknowledged messages per SMTP login (worker id). */
  readonly perWorker: Readonly<Record<string, number>>;
  /** How each consumer process ended, by worker id. */
  readonly consumerExits: Readonly<Record<string, ConsumerExit>>;
  /** Resources not emulated, and where local differs from the template. */
  readonly environmentReport: readonly string[];
  /** Adjacent first deliveries (in the sink's acknowledgement order) reversed against enqueue order. */
  readonly deliveryOrderInversions: number;
  /** Transient failures and redeliveries, as the consumers reported them. */
  readonly retries: RetryObservation;
  /** Messages a fresh ReceiveMessage on the source queue got after the run (deleted ones are gone). */
  readonly receivableAfterRun: number;
  /** Workers at the start and at the peak. */
  readonly workerScaling: EmailWorkerScaling;
  /** Sum of the consumers' EmailsSent EMF metric (their log lines), or null when none was printed. */
  readonly emailsSentMetric: number | null;
  /** Mean milliseconds per completed job, from the consumers' JobDuration EMF metric; null when none was printed. */
  readonly meanJobMs: number | null;
}

const NO_RETRIES: RetryObservation = { transientFailures: 0, redeliveries: 0, messagesRetried: 0, highestReceiveCount: 0 };

/** Runs the email pattern on the embedded target and returns the counted outcome. */
export async function runEmbeddedEmail(options: EmailRunOptions): Promise<EmailRunResult> {
  const { details } = await runEmailPattern(embeddedEmailTarget, options);
  // The embedded target has the mailbox and process control, so none of these is null there.
  return {
    ...details,
    consumers: options.consumers,
    duplicates: details.duplicates ?? 0,
    perWorker: details.perWorker ?? {},
    deliveryOrderInversions: details.deliveryOrderInversions ?? 0,
    retries: details.retries ?? NO_RETRIES,
    receivableAfterRun: details.receivableAfterRun ?? 0,
    workerScaling: details.workerScaling ?? { initial: 0, peak: 0, steps: [] },
  };
}
