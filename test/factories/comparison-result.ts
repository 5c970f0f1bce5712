/** Record factory: a ComparisonResult where every promise held, with overrides per half. */
import type { ClickstreamComparison, ComparisonResult, EmailComparison } from '../../local/comparison/comparison-result';
import type { ComparisonRun } from '../../local/comparison/comparison-run';
import { comparisonRunOf } from '../../local/comparison/comparison-run-of-result';

export function emailComparison(overrides: Partial<EmailComparison> = {}): EmailComparison {
  return {
    enqueued: 100,
    malformed: 5,
    delivered: 93,
    duplicates: 0,
    deadLettered: 7,
    malformedDeadLettered: 5,
    perWorker: { 'worker-1': 50, 'worker-2': 43 },
    orderInversions: 12,
    redeliveries: 4,
    receivableAfterRun: 0,
    workers: { initial: 1, peak: 2 },
    redrivenAfterMaxReceives: 2,
    highestReceiveCount: 3,
    lost: 0,
    ...overrides,
  };
}

export function clickstreamComparison(overrides: Partial<ClickstreamComparison> = {}): ClickstreamComparison {
  return {
    produced: 200,
    consumers: {
      processor: { seen: 200, perUserOrderInversions: 0 },
      dashboard: { seen: 200, perUserOrderInversions: 0 },
      replay: { seen: 200, perUserOrderInversions: 0 },
    },
    perUserOrderInversions: 0,
    crossShardInterleavings: 87,
    replayAggregatesEqual: true,
    poison: { written: 2, atOnFailureDestination: 2 },
    perShard: { 'shardId-000000000000': 40, 'shardId-000000000001': 90, 'shardId-000000000002': 30, 'shardId-000000000003': 40 },
    hotKey: { userId: 'user-007', shareOfRecords: 0.2, shardId: 'shardId-000000000001', shareOfShard: 0.44 },
    recordsAfterPoisonOnItsShard: 61,
    failedProcessorInvocations: 6,
    poisonDeliveriesToProcessor: 9,
    ...overrides,
  };
}

export function comparisonResult(overrides: { email?: Partial<EmailComparison>; clickstream?: Partial<ClickstreamComparison> } = {}): ComparisonResult {
  return { target: 'embedded', email: emailComparison(overrides.email), clickstream: clickstreamComparison(overrides.clickstream), notes: [] };
}

/** The same result read by the real pattern registry, as `npm start` reads a run against deployed stacks. */
export function comparisonRun(result: ComparisonResult = comparisonResult()): ComparisonRun {
  return comparisonRunOf(result);
}
