/**
 * The Kafka column's figures from what a run produced and read back, on any target: the groups'
 * counts, per-key order, both replays, the dead-letter topic and the partition load, with null where
 * the target could not show a figure. Pure, so every rule is unit-tested.
 */
import { aggregateClickstream } from '../../runtime/clickstream/dashboard-lambda/aggregate';
import { parseClickstreamEvent, type ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import type { KafkaComparison } from '../comparison/kafka-comparison';
import type { AnalyticsOutcome } from './state-topic-report';
import type { KafkaTargetSession, PlannedKafkaTraffic, PoisonRecord, SessionizerFigures } from './kafka-target';
import { partitionLoad } from './partition-load';
import type { ReadRecord } from './read-topic';

/** The valid clickstream events among records read back (poison skipped). */
export function validEvents(records: readonly ReadRecord[]): ClickstreamEvent[] {
  return records.flatMap((record) => {
    try {
      return [parseClickstreamEvent(JSON.parse(record.value))];
    } catch {
      return [];
    }
  });
}

/** The dashboard's aggregates of `read` equal those of `expected`. */
export const sameAggregates = (read: readonly ClickstreamEvent[], expected: readonly ClickstreamEvent[]): boolean =>
  JSON.stringify(aggregateClickstream([...read])) === JSON.stringify(aggregateClickstream([...expected]));

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

/**
 * True when a dead-letter record is `sent`: it carries the raw poison (as is, or Base64 inside
 * failure metadata), or, where keys are unique to the run, the poison's key.
 */
export function isPoisonRecord(record: ReadRecord, sent: PoisonRecord, keyPrefix: string): boolean {
  return record.value.includes(sent.raw) || record.value.includes(Buffer.from(sent.raw).toString('base64')) || (keyPrefix !== '' && record.key === sent.key);
}

/** What a run produced and read back. */
export interface KafkaRunObservation {
  readonly session: Pick<KafkaTargetSession, 'topic' | 'notEmulated' | 'deployed' | 'brokerStartMs'>;
  readonly traffic: PlannedKafkaTraffic;
  /** Valid events produced before the timestamp cut. */
  readonly half: number;
  /** Valid events produced before the busiest member was killed. */
  readonly killAt: number;
  readonly memberIds: readonly string[] | null;
  readonly killedMember: string | null;
  readonly sessionizer: SessionizerFigures;
  readonly analytics: AnalyticsOutcome;
  /** The run's records, read by a new group from the earliest offset. */
  readonly earliest: readonly ReadRecord[];
  /** The run's records, read by a group that seeks to the cut's timestamp. */
  readonly byTimestamp: readonly ReadRecord[];
  /** The run's records on the dead-letter topic. */
  readonly deadLetter: readonly ReadRecord[];
  readonly compaction: KafkaComparison['compaction'];
}

/** Every poison record was found on the dead-letter topic. */
export function everyPoisonDeadLettered(traffic: PlannedKafkaTraffic, deadLetter: readonly ReadRecord[]): boolean {
  return deadLetteredCount(traffic, deadLetter) === traffic.poison.length;
}

function deadLetteredCount(traffic: PlannedKafkaTraffic, deadLetter: readonly ReadRecord[]): number {
  return traffic.poison.filter((sent) => deadLetter.some((record) => isPoisonRecord(record, sent, traffic.keyPrefix))).length;
}

/** The column's figures. */
export function kafkaComparisonOf(observed: KafkaRunObservation): KafkaComparison {
  const { session, traffic, sessionizer, analytics, memberIds } = observed;
  const { events } = traffic;
  const order = new Map(events.map((event, index) => [event.eventId, index]));
  const earliest = validEvents(observed.earliest);
  const byTimestamp = validEvents(observed.byTimestamp);
  const partitions = session.topic.partitions;
  return {
    produced: events.length,
    poisonWritten: traffic.poison.length,
    partitions,
    topic: session.topic,
    notEmulated: session.notEmulated,
    ...(session.deployed === undefined ? {} : { deployed: session.deployed }),
    members: memberIds?.length ?? null,
    brokerStartMs: session.brokerStartMs,
    groups: {
      sessionizer: { seen: sessionizer.seen },
      analytics: { seen: analytics.seen },
      'replay-earliest': { seen: new Set(earliest.map((event) => event.eventId)).size },
    },
    // A member with no record (idle: no partition) still gets its 0.
    perMember: { ...Object.fromEntries((memberIds ?? []).map((memberId) => [memberId, 0])), ...analytics.perMember },
    idleMembers: memberIds === null ? null : Math.max(0, memberIds.length - partitions),
    replayFromTimestamp: { seen: new Set(byTimestamp.map((event) => event.eventId)).size, expected: events.length - observed.half },
    perKeyOrderInversions:
      sessionizer.perKeyOrderInversions + analytics.perKeyOrderInversions + perKeyInversions(observed.earliest, order) + perKeyInversions(observed.byTimestamp, order),
    crossPartitionInterleavings: sessionizer.crossPartitionInterleavings,
    killedMember: observed.killedMember,
    rebalance: observed.killedMember === null ? null : { lost: analytics.lost, duplicates: analytics.duplicates, producedAfterKill: events.length - observed.killAt },
    analyticsDuplicates: analytics.duplicates,
    replayAggregatesEqual: sameAggregates(earliest, events) && sameAggregates(byTimestamp, events.slice(observed.half)),
    deadLettered: deadLetteredCount(traffic, observed.deadLetter),
    deadLetterTopicRecords: observed.deadLetter.length,
    failedInvocations: sessionizer.failedInvocations,
    recordsAfterPoisonOnItsPartition: sessionizer.recordsAfterPoisonOnItsPartition,
    ...partitionLoad(observed.earliest, traffic.hotUserId ?? ''),
    compaction: observed.compaction,
    settled: sessionizer.settled && analytics.lost === 0 && everyPoisonDeadLettered(traffic, observed.deadLetter),
  };
}
