/**
 * The figures of an email run, from what the target could observe: the comparison shape the table
 * and the JSON read, with `null` (and a note) for what a target cannot show, and the details behind
 * them for tests and diagnosis.
 */
import type { EmailComparison } from '../comparison/comparison-result';
import type { ScalingStep } from './backlog-scaler';
import type { ConsumerExit } from './consumer-processes';
import { REDRIVEN_AFTER_MAX_RECEIVES } from './dead-letter-collector';
import type { EmailRunOutcome } from './email-run-outcome';
import type { EmailCompute, EmailTargetSession, Mailbox } from './email-target';
import type { RetryObservation } from './retry-log-counter';

/** Workers over the run: the scaling unit of a task queue. */
export interface EmailWorkerScaling {
  readonly initial: number;
  readonly peak: number;
  /** Each worker added, with the backlog that triggered it. */
  readonly steps: readonly ScalingStep[];
}

/** Everything a run observed; null where the target cannot observe it. */
export interface EmailRunDetails extends EmailRunOutcome {
  /** Every job was delivered or dead-lettered before the deadline. */
  readonly completed: boolean;
  /** Extra sends of a delivered job: mail copies where there is a mailbox, else EmailsSent minus delivered. */
  readonly duplicates: number | null;
  /** Sum of the handlers' EmailsSent EMF metric over the run. */
  readonly emailsSentMetric: number | null;
  readonly perWorker: Readonly<Record<string, number>> | null;
  readonly deliveryOrderInversions: number | null;
  readonly retries: RetryObservation | null;
  readonly receivableAfterRun: number | null;
  readonly workerScaling: EmailWorkerScaling | null;
  readonly consumerExits: Readonly<Record<string, ConsumerExit>>;
  readonly environmentReport: readonly string[];
}

/** The comparison figures, the notes that qualify them, and the details. */
export type EmailPatternOutcome = EmailComparison & {
  readonly completed: boolean;
  readonly notes: readonly string[];
  readonly details: EmailRunDetails;
};

/** What the run hands over once it is done. */
export interface EmailOutcomeInputs {
  readonly session: EmailTargetSession<unknown>;
  readonly compute: EmailCompute;
  readonly outcome: EmailRunOutcome;
  readonly completed: boolean;
  readonly scaling: EmailWorkerScaling | null;
  readonly emailsSentMetric: number | null;
  readonly receivableAfterRun: number | null;
}

/** Builds the figures of a finished run. */
export function emailOutcomeOf(inputs: EmailOutcomeInputs): EmailPatternOutcome {
  const details = detailsOf(inputs);
  return { ...comparisonOf(details), completed: details.completed, notes: notesOf(details, inputs), details };
}

function detailsOf(inputs: EmailOutcomeInputs): EmailRunDetails {
  const { session, compute, outcome } = inputs;
  const mailbox = session.mailbox;
  return {
    ...outcome,
    completed: inputs.completed,
    duplicates: mailbox === undefined ? duplicatesFromMetric(inputs.emailsSentMetric, outcome.delivered) : copiesBeyondFirst(mailbox),
    emailsSentMetric: inputs.emailsSentMetric,
    perWorker: mailbox?.perWorker() ?? null,
    deliveryOrderInversions: mailbox?.orderInversions() ?? null,
    retries: compute.retries(),
    receivableAfterRun: inputs.receivableAfterRun,
    workerScaling: inputs.scaling,
    consumerExits: compute.exits(),
    environmentReport: session.environmentReport,
  };
}

function copiesBeyondFirst(mailbox: Mailbox): number {
  return [...mailbox.copiesPerJob().values()].reduce((total, copies) => total + Math.max(0, copies - 1), 0);
}

function duplicatesFromMetric(emailsSent: number | null, delivered: number): number | null {
  return emailsSent === null ? null : Math.max(0, emailsSent - delivered);
}

function comparisonOf(details: EmailRunDetails): EmailComparison {
  return {
    enqueued: details.enqueued,
    malformed: details.malformedJobs,
    delivered: details.delivered,
    duplicates: details.duplicates,
    deadLettered: details.deadLettered,
    malformedDeadLettered: Object.keys(details.malformedReasons).length,
    perWorker: details.perWorker,
    orderInversions: details.deliveryOrderInversions,
    redeliveries: details.retries?.redeliveries ?? null,
    receivableAfterRun: details.receivableAfterRun,
    workers: details.workerScaling === null ? null : { initial: details.workerScaling.initial, peak: details.workerScaling.peak },
    redrivenAfterMaxReceives: details.deadLetterReasons[REDRIVEN_AFTER_MAX_RECEIVES] ?? 0,
    highestReceiveCount: details.retries?.highestReceiveCount ?? null,
    lost: details.lost.length,
  };
}

function notesOf(details: EmailRunDetails, inputs: EmailOutcomeInputs): string[] {
  const notes: string[] = [];
  if (!details.completed) notes.push(`email: the run hit its deadline with ${details.lost.length} job(s) unaccounted for`);
  if (inputs.session.mailbox === undefined) {
    notes.push(
      details.emailsSentMetric === null
        ? `email.duplicates: null, no EmailsSent metric: ${inputs.session.metrics.unavailableReason}`
        : `email.duplicates = EmailsSent metric (${details.emailsSentMetric}) minus delivered, over the run's minutes: other traffic on the same stack in those minutes would count too`,
    );
  }
  if (details.perWorker === null || details.workerScaling === null) {
    notes.push('email: perWorker, orderInversions, redeliveries, receivableAfterRun and workers need the mailbox or process control of a local run: null on a deployed target');
  }
  return notes;
}
