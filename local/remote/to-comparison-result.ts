/**
 * Turns what a remote run observed into the shared comparison shape, with a note for every figure
 * that is null, inferred, or subject to lag. Pure, so every rule here is unit-tested.
 */
import type { RemoteTarget } from './remote-target';
import type { RemoteClickstreamObservation } from './remote-clickstream-run';
import type { EmailPatternOutcome } from '../email/email-pattern-outcome';
import type { ClickstreamComparison, ComparisonResult, EmailComparison } from '../comparison/comparison-result';

/** Builds the result of a remote run. */
export function toRemoteComparisonResult(
  target: RemoteTarget,
  email: EmailPatternOutcome,
  clickstream: RemoteClickstreamObservation,
): ComparisonResult {
  const notes: string[] = [
    'email.delivered = valid jobs with a COMPLETED idempotency record (there is no SMTP sink on a deployed target)',
    'the processor is observed through its session table: seen = events of users whose stored session equals the fold of their events in production order; perUserOrderInversions = users whose session does not (an out-of-order, lost or double-counted page shows there)',
    'the replay figures come from a reader started after production from TRIM_HORIZON; crossShardInterleavings needs delivery order across shards, which a shard-by-shard replay does not have: null',
  ];
  notes.push(...email.notes);
  if (!clickstream.settled) notes.push('clickstream: the session table or the on-failure queue had not caught up before the deadline');
  notes.push(...clickstreamMetricNotes(target, clickstream));
  return { target, email: comparisonFigures(email), clickstream: toClickstreamComparison(clickstream), notes };
}

/** The email figures alone (the outcome also carries its notes and details). */
function comparisonFigures(email: EmailPatternOutcome): EmailComparison {
  const { completed: _completed, notes: _notes, details: _details, ...figures } = email;
  return figures;
}

function toClickstreamComparison(clickstream: RemoteClickstreamObservation): ClickstreamComparison {
  const { replay, sessions, traffic } = clickstream;
  const processor = { seen: sessions.eventsOfMatchingUsers, perUserOrderInversions: sessions.mismatchedUsers.length };
  const replayed = { seen: replay.seen, perUserOrderInversions: replay.perUserOrderInversions };
  return {
    produced: traffic.production.sent,
    consumers: { processor, dashboard: null, replay: replayed },
    perUserOrderInversions: processor.perUserOrderInversions + replayed.perUserOrderInversions,
    crossShardInterleavings: null,
    replayAggregatesEqual: replay.aggregatesEqualProduced,
    poison: { written: traffic.poison.length, atOnFailureDestination: clickstream.poisonAtOnFailureDestination },
    perShard: replay.perShard,
    hotKey: hotKeyOf(clickstream),
  };
}

/** The hot user's share of the run's records, and of the records on its shard (from the replay). */
export function hotKeyOf(clickstream: RemoteClickstreamObservation): ClickstreamComparison['hotKey'] {
  const { records, perShard } = clickstream.replay;
  const hotRecords = records.filter((record) => record.partitionKey === clickstream.traffic.hotUserId);
  const shardId = hotRecords[0]?.shardId;
  if (shardId === undefined || records.length === 0) return null;
  return {
    userId: clickstream.traffic.hotUserId,
    shareOfRecords: hotRecords.length / records.length,
    shardId,
    shareOfShard: hotRecords.length / (perShard[shardId] ?? hotRecords.length),
  };
}

function clickstreamMetricNotes(target: RemoteTarget, clickstream: RemoteClickstreamObservation): string[] {
  const notes = [
    clickstream.pageViewsMetric === null
      ? `clickstream.consumers.dashboard: null; its PageViews metric was ${target === 'localstack' ? 'not available (LocalStack does not extract EMF)' : 'not yet in CloudWatch before the metrics deadline'}`
      : `clickstream.consumers.dashboard: null (only page views are observable); its PageViews metric counted ${clickstream.pageViewsMetric} of ${clickstream.sessions.pageViewsProduced} page views produced`,
  ];
  notes.push(
    clickstream.archive === null
      ? 'archive: no Firehose object yet for this run (the stack buffers up to 300 s); wait longer to see it'
      : `archive: ${clickstream.archive.objects} object(s) written since the run began, holding ${clickstream.archive.runEventsArchived} of this run's events`,
  );
  return notes;
}
