/**
 * The figures of a clickstream run, from what the target could observe: the comparison shape the
 * table and the JSON read, with `null` (and a note) for what a target cannot show, and the details
 * behind them for tests and diagnosis. Pure.
 */
import { isDeepStrictEqual } from 'node:util';
import { aggregateClickstream } from '../../runtime/clickstream/dashboard-lambda/aggregate';
import type { ClickstreamComparison, ConsumerComparison } from '../comparison/comparison-result';
import type { ClickstreamObservation } from './clickstream-observation';
import type { ClickstreamProduction } from './clickstream-production';
import type { ClickstreamDeliveries, PlannedClickstreamTraffic } from './clickstream-target';
import type { ConsumerObservation } from './consumer-observer';
import { deliveredAfterPoison, hotKeyShare } from './shard-report';

/** Everything a run observed. */
export interface ClickstreamRunDetails {
  readonly production: Omit<ClickstreamProduction, 'delivered'>;
  readonly observation: ClickstreamObservation;
  /** What each local consumer was handed; null on a deployed target. */
  readonly deliveries: { readonly processor: ConsumerObservation; readonly dashboard: ConsumerObservation } | null;
  readonly failedProcessorInvocations: number | null;
  readonly environmentReport: readonly string[];
}

/** The comparison figures, the notes that qualify them, and the details. */
export type ClickstreamPatternOutcome = ClickstreamComparison & {
  readonly notes: readonly string[];
  readonly details: ClickstreamRunDetails;
};

/** What the run hands over once it is done. */
export interface ClickstreamOutcomeInputs {
  readonly label: string;
  readonly traffic: PlannedClickstreamTraffic;
  readonly production: ClickstreamProduction;
  readonly observation: ClickstreamObservation;
  readonly deliveries: ClickstreamDeliveries | null;
  readonly failedProcessorInvocations: number | null;
  readonly environmentReport: readonly string[];
  /** Why a null metric is null on this target. */
  readonly metricsUnavailableReason: string;
}

/** Builds the figures of a finished run. */
export function clickstreamOutcomeOf(inputs: ClickstreamOutcomeInputs): ClickstreamPatternOutcome {
  const { production, observation, deliveries } = inputs;
  const { delivered: _delivered, ...productionCounts } = production;
  return {
    ...comparisonOf(inputs),
    notes: notesOf(inputs),
    details: {
      production: productionCounts,
      observation,
      deliveries: deliveries === null ? null : { processor: deliveries.processor.observation(), dashboard: deliveries.dashboard.observation() },
      failedProcessorInvocations: inputs.failedProcessorInvocations,
      environmentReport: inputs.environmentReport,
    },
  };
}

const consumerOf = (observation: ConsumerObservation): ConsumerComparison => ({ seen: observation.uniqueEventsSeen, perUserOrderInversions: observation.perUserOrderInversions });

function comparisonOf(inputs: ClickstreamOutcomeInputs): ClickstreamComparison {
  const { production, observation, deliveries } = inputs;
  const { replay, sessions, archive } = observation;
  const processor = { seen: sessions.eventsOfMatchingUsers, perUserOrderInversions: sessions.mismatchedUsers.length };
  const dashboard = deliveries === null ? null : consumerOf(deliveries.dashboard.observation());
  const replayed = { seen: replay.seen, perUserOrderInversions: replay.perUserOrderInversions };
  const matched = new Set(sessions.matchedUsers);
  const dashboardAggregatesEqual = deliveries === null || isDeepStrictEqual(aggregateClickstream(deliveries.dashboard.events), aggregateClickstream(replay.events));
  return {
    produced: production.sent,
    consumers: { processor, dashboard, replay: replayed, archive: observation.archiveComplete ? consumerOf(archive.observation) : null },
    archive: observation.archiveComplete ? { objects: archive.objects, duplicates: archive.observation.redeliveries, errorObjects: archive.errorObjects } : null,
    perUserOrderInversions: processor.perUserOrderInversions + (dashboard?.perUserOrderInversions ?? 0) + replayed.perUserOrderInversions,
    crossShardInterleavings: deliveries?.processor.observation().crossShardInterleavings ?? null,
    replayAggregatesEqual: replay.aggregatesEqualProduced && dashboardAggregatesEqual,
    poison: { written: production.poison.length, atOnFailureDestination: observation.poisonAtOnFailureDestination },
    perShard: replay.perShard,
    hotKey: inputs.traffic.hotUserId === undefined ? null : (hotKeyShare(replay.deliveries, inputs.traffic.hotUserId) ?? null),
    recordsAfterPoisonOnItsShard: deliveredAfterPoison(replay.deliveries.filter((delivery) => matched.has(delivery.userId)), production.poison),
    failedProcessorInvocations: inputs.failedProcessorInvocations,
    poisonDeliveriesToProcessor: observation.invalidEventsMetric,
  };
}

function notesOf(inputs: ClickstreamOutcomeInputs): string[] {
  const { label, observation, production } = inputs;
  const notes: string[] = [];
  if (production.undeliverable > 0) notes.push(`${label}: ${production.undeliverable} event(s) could not be written`);
  if (!observation.settled) notes.push(`${label}: the session table or the on-failure queue had not caught up before the deadline`);
  if (inputs.deliveries === null) {
    notes.push(
      observation.pageViewsMetric === null
        ? `${label}.consumers.dashboard: null, and no PageViews metric: ${inputs.metricsUnavailableReason}`
        : `${label}.consumers.dashboard: null (only its metrics are observable); its PageViews metric counted ${observation.pageViewsMetric} of ${observation.sessions.pageViewsProduced} page views produced`,
      `${label}: crossShardInterleavings and failed invocations need the records each local consumer was handed: null on a deployed target`,
    );
  }
  if (observation.invalidEventsMetric === null) notes.push(`${label}: poison deliveries null, no InvalidEvents metric: ${inputs.metricsUnavailableReason}`);
  if (!observation.archiveComplete) {
    const { archive } = observation;
    notes.push(`${label}: archive null: ${archive.observation.uniqueEventsSeen} of ${production.sent} events in ${archive.objects} object(s) so far (Firehose buffers up to 300 s)`);
  }
  return notes;
}
