/**
 * Turns what a remote run observed into the shared comparison shape, with a note for every figure
 * that is null, inferred, or subject to lag. Pure, so every rule here is unit-tested.
 */
import type { RemoteTarget } from './remote-target';
import type { RemoteClickstreamObservation } from './remote-clickstream-run';
import type { RemoteEmailObservation } from './remote-email-run';
import type { ClickstreamComparison, ComparisonResult, EmailComparison } from '../comparison/comparison-result';

/** Builds the result of a remote run. */
export function toRemoteComparisonResult(
  target: RemoteTarget,
  email: RemoteEmailObservation,
  clickstream: RemoteClickstreamObservation,
): ComparisonResult {
  const notes: string[] = [
    'delivered = valid jobs with a COMPLETED idempotency record (there is no SMTP sink on a deployed target)',
    'perWorker, orderInversions, redeliveries, receivableAfterRun and workers need process control or a local runner: null on a deployed target',
    'the processor is observed through its session table: seen = events of users whose stored session equals the fold of their events in production order; perUserOrderInversions = users whose session does not (an out-of-order, lost or double-counted page shows there)',
    'the replay figures come from a reader started after production from TRIM_HORIZON; crossShardInterleavings needs delivery order across shards, which a shard-by-shard replay does not have: null',
  ];
  if (!email.settled) notes.push(`email: not every job was delivered or dead-lettered before the deadline (${email.unsettledJobIds.length} unsettled)`);
  if (!clickstream.settled) notes.push('clickstream: the session table or the on-failure queue had not caught up before the deadline');
  notes.push(...emailMetricNotes(target, email), ...clickstreamMetricNotes(target, clickstream));
  return { target, email: toEmailComparison(email), clickstream: toClickstreamComparison(clickstream), notes };
}

function toEmailComparison(email: RemoteEmailObservation): EmailComparison {
  return {
    enqueued: email.enqueued,
    malformed: email.malformedJobs,
    delivered: email.delivered,
    duplicates: email.emailsSentMetric === null ? null : Math.max(0, email.emailsSentMetric - email.delivered),
    deadLettered: email.deadLettered,
    malformedDeadLettered: email.malformedDeadLettered,
    perWorker: null,
    orderInversions: null,
    redeliveries: null,
    receivableAfterRun: null,
    workers: null,
    lost: email.unsettledJobIds.length + (email.malformedJobs - email.malformedDeadLettered),
  };
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

function emailMetricNotes(target: RemoteTarget, email: RemoteEmailObservation): string[] {
  if (email.emailsSentMetric !== null) {
    return [`email.duplicates = EmailsSent metric (${email.emailsSentMetric}) minus delivered, over the run's minutes: other traffic on the same stack in those minutes would count too`];
  }
  return [
    target === 'localstack'
      ? 'email.duplicates: null, LocalStack does not turn EMF log lines into CloudWatch metrics, so EmailsSent cannot be read'
      : 'email.duplicates: null, the EmailsSent metric had no datapoint before the metrics deadline (CloudWatch ingests EMF with a lag of a minute or more)',
  ];
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
