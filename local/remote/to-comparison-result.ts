/**
 * Assembles the result of a run against deployed stacks from each pattern's outcome: its figures,
 * and the notes that qualify them (each pattern's run writes its own). Pure.
 */
import type { ClickstreamPatternOutcome } from '../clickstream/clickstream-pattern-outcome';
import type { ClickstreamComparison, ComparisonResult, EmailComparison } from '../comparison/comparison-result';
import type { EmailPatternOutcome } from '../email/email-pattern-outcome';
import type { RemoteKafkaColumn } from './remote-kafka-column';
import type { RemoteTarget } from './remote-target';

/** What each pattern's remote run returned. */
export interface RemotePatternOutcomes {
  readonly email: EmailPatternOutcome;
  readonly clickstream: ClickstreamPatternOutcome;
  readonly kafka: RemoteKafkaColumn;
}

/** How the deployed consumers are observed: by their effects, not record by record. */
const OBSERVATION_NOTES = [
  'email.delivered = valid jobs with a COMPLETED idempotency record (there is no SMTP sink on a deployed target)',
];

/** Builds the result of a remote run. */
export function toRemoteComparisonResult(target: RemoteTarget, outcomes: RemotePatternOutcomes): ComparisonResult {
  return {
    target,
    email: emailFigures(outcomes.email),
    clickstream: clickstreamFigures(outcomes.clickstream),
    kafka: outcomes.kafka.column,
    notes: [...OBSERVATION_NOTES, ...outcomes.email.notes, ...outcomes.clickstream.notes, ...outcomes.kafka.notes],
  };
}

/** The email figures alone (the outcome also carries its notes and details). */
function emailFigures(email: EmailPatternOutcome): EmailComparison {
  const { completed: _completed, notes: _notes, details: _details, ...figures } = email;
  return figures;
}

/** The clickstream figures alone. */
export function clickstreamFigures(clickstream: ClickstreamPatternOutcome): ClickstreamComparison {
  const { notes: _notes, details: _details, ...figures } = clickstream;
  return figures;
}
