/**
 * What each pattern promises, checked against a ComparisonResult: `npm start` exits 1 and lists
 * every broken promise. A figure the target could not observe (null) is not checked. Pure.
 */
import type { ComparisonResult } from './comparison-result';
import { unmetKafkaExpectations } from './kafka-expectations';

/** Each broken promise, in words; empty when all held. */
export function unmetExpectations(result: ComparisonResult): string[] {
  const { email, clickstream } = result;
  const unmet: string[] = [];
  if (email.duplicates !== null && email.duplicates !== 0) unmet.push(`email: ${email.duplicates} duplicate deliveries (expected 0: one worker per job)`);
  if (email.malformedDeadLettered !== email.malformed) {
    unmet.push(`email: ${email.malformedDeadLettered} of ${email.malformed} malformed jobs dead-lettered`);
  }
  if ((email.lost ?? 0) > 0) unmet.push(`email: ${email.lost} job(s) neither delivered nor dead-lettered`);
  if ((email.receivableAfterRun ?? 0) > 0) unmet.push(`email: ${email.receivableAfterRun} message(s) still receivable after the run`);
  for (const [name, consumer] of Object.entries(clickstream.consumers)) {
    if (consumer !== null && consumer.seen !== clickstream.produced) unmet.push(`clickstream: ${name} saw ${consumer.seen} of ${clickstream.produced} events`);
  }
  if (clickstream.perUserOrderInversions !== 0) unmet.push(`clickstream: ${clickstream.perUserOrderInversions} per-user order inversions (expected 0)`);
  if (clickstream.replayAggregatesEqual === false) unmet.push('clickstream: the replay did not reproduce the aggregates');
  if (clickstream.poison !== null && clickstream.poison.atOnFailureDestination !== clickstream.poison.written) {
    unmet.push(`clickstream: ${clickstream.poison.atOnFailureDestination} of ${clickstream.poison.written} poison records at the on-failure destination`);
  }
  return [...unmet, ...unmetKafkaExpectations(result.kafka)];
}
