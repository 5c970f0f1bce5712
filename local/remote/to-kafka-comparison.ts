/**
 * Turns what the Kafka half of a remote run observed into the Kafka column, with a note for every
 * figure that is inferred or that a deployed target cannot show. Pure, so every rule is unit-tested.
 */
import type { DeployedKafkaComparison } from '../comparison/kafka-comparison';
import { sameAggregates, validEvents } from '../kafka/kafka-comparison-run';
import { partitionLoad } from '../kafka/partition-load';
import type { ReadRecord } from '../kafka/read-topic';
import { isRunDeadLetter, type RemoteKafkaObservation } from './remote-kafka-run';

/**
 * First reads of a key's event that come after a later-produced event of the same key (records
 * are in offset order per partition, and a key lives on one partition): must be 0.
 */
export function perKeyInversions(records: readonly ReadRecord[], productionOrder: ReadonlyMap<string, number>): number {
  const highest = new Map<string, number>();
  const seen = new Set<string>();
  let inversions = 0;
  for (const event of validEvents(records)) {
    const position = productionOrder.get(event.eventId);
    if (position === undefined || seen.has(event.eventId)) continue;
    seen.add(event.eventId);
    const before = highest.get(event.userId);
    if (before !== undefined && position < before) inversions += 1;
    else highest.set(event.userId, position);
  }
  return inversions;
}

/** The Kafka column of a remote run, and its notes. */
export function toDeployedKafkaComparison(
  deployed: DeployedKafkaComparison['deployed'],
  observed: RemoteKafkaObservation,
): { readonly column: DeployedKafkaComparison; readonly notes: string[] } {
  const order = new Map(observed.events.map((event, index) => [event.eventId, index]));
  const earliest = validEvents(observed.earliest);
  const byTimestamp = validEvents(observed.byTimestamp);
  const produced = observed.events.length;
  const afterCut = observed.events.slice(produced - observed.producedAfterCut);
  const poisonFound = observed.poison.filter((sent) => observed.deadLetter.some((record) => isRunDeadLetter(record, [sent]))).length;
  const column: DeployedKafkaComparison = {
    deployed,
    produced,
    poisonWritten: observed.poison.length,
    partitions: observed.partitions,
    groups: {
      sessionizer: { seen: observed.sessions.eventsOfMatchingUsers },
      analytics: { seen: observed.analytics.seen },
      'replay-earliest': { seen: new Set(earliest.map((event) => event.eventId)).size },
    },
    perMember: observed.analytics.perMember,
    replayFromTimestamp: { seen: new Set(byTimestamp.map((event) => event.eventId)).size, expected: observed.producedAfterCut },
    perKeyOrderInversions:
      observed.sessions.mismatchedUsers.length + observed.analytics.perKeyOrderInversions + perKeyInversions(observed.earliest, order) + perKeyInversions(observed.byTimestamp, order),
    rebalance: null,
    analyticsDuplicates: observed.analytics.duplicates,
    replayAggregatesEqual: sameAggregates(earliest, observed.events) && sameAggregates(byTimestamp, afterCut),
    deadLettered: poisonFound,
    deadLetterTopicRecords: observed.deadLetter.length,
    ...partitionLoad(observed.earliest, observed.hotUserId),
    compaction: null,
    settled: observed.settled,
  };
  const notes = [
    'kafka: the sessionizer is observed through its DynamoDB table: seen = events of users whose stored session equals the fold of their events in production order; a user whose session differs counts as a per-key inversion',
    'kafka: analytics = events the Fargate members recorded on the sessions topic; replay groups are started by this run after producing (earliest offset, and by timestamp from a cut halfway)',
    'kafka: rebalance and compaction are null on a deployed target: no member is killed, and the sessions topic rolls segments hourly',
  ];
  if (!observed.settled) notes.push('kafka: the session table, the analytics members or the dead-letter topic had not caught up before the deadline');
  return { column, notes };
}
