/** The clickstream half of the comparison, from an embedded clickstream run. Pure. */
import type { ConsumerObservation } from './consumer-observer';
import type { ClickstreamRunResult } from './clickstream-run';
import type { ClickstreamComparison, ConsumerComparison } from '../comparison/comparison-result';

function consumerOf(observation: ConsumerObservation): ConsumerComparison {
  return { seen: observation.uniqueEventsSeen, perUserOrderInversions: observation.perUserOrderInversions };
}

export function clickstreamComparisonOf(result: ClickstreamRunResult): ClickstreamComparison {
  const { processor, dashboard, replay, archive } = result.consumers;
  return {
    produced: result.produced,
    consumers: { processor: consumerOf(processor), dashboard: consumerOf(dashboard), replay: consumerOf(replay), archive: consumerOf(archive) },
    archive: { objects: result.archive.objects, duplicates: archive.redeliveries, errorObjects: result.archive.errorObjects },
    perUserOrderInversions: processor.perUserOrderInversions + dashboard.perUserOrderInversions + replay.perUserOrderInversions,
    crossShardInterleavings: processor.crossShardInterleavings,
    replayAggregatesEqual: result.replayAggregatesEqual,
    poison: { written: result.poisonWritten, atOnFailureDestination: result.poison.poisonAtOnFailureDestination },
    perShard: result.shards.perShard,
    hotKey: result.shards.hotKey ?? null,
    recordsAfterPoisonOnItsShard: result.poison.validRecordsAfterPoisonOnItsShard,
    failedProcessorInvocations: result.poison.failedInvocations,
    poisonDeliveriesToProcessor: processor.invalidRecordsSeen,
  };
}
