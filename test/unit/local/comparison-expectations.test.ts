import { unmetExpectations as unmetOfRun } from '../../../local/comparison/comparison-run';
import type { ComparisonResult } from '../../../local/comparison/comparison-result';
import { clickstreamComparison, comparisonResult, comparisonRun } from '../../factories/comparison-result';

const unmetExpectations = (result: ComparisonResult): string[] => unmetOfRun(comparisonRun(result));

describe('unmetExpectations', () => {
  it('finds nothing when every promise held', () => {
    expect(unmetExpectations(comparisonResult())).toEqual([]);
  });

  it.each([
    ['a duplicate delivery', comparisonResult({ email: { duplicates: 1 } }), 'email: 1 duplicate deliveries'],
    ['a malformed job not dead-lettered', comparisonResult({ email: { malformed: 5, malformedDeadLettered: 4 } }), 'email: 4 of 5 malformed jobs'],
    ['a lost job', comparisonResult({ email: { lost: 2 } }), 'email: 2 job(s) neither delivered nor dead-lettered'],
    ['a message still receivable', comparisonResult({ email: { receivableAfterRun: 3 } }), 'email: 3 message(s) still receivable'],
    ['a replay that differs', comparisonResult({ clickstream: { replayAggregatesEqual: false } }), 'the replay did not reproduce'],
    ['a per-user inversion', comparisonResult({ clickstream: { perUserOrderInversions: 1 } }), '1 per-user order inversions'],
    [
      'poison missing from the destination',
      comparisonResult({ clickstream: { poison: { written: 3, atOnFailureDestination: 2 } } }),
      '2 of 3 poison records',
    ],
  ])('reports %s', (_case, result, expected) => {
    expect(unmetExpectations(result)).toEqual([expect.stringContaining(expected)]);
  });

  it('names the consumer that missed records', () => {
    const consumers = { ...clickstreamComparison().consumers, dashboard: { seen: 198, perUserOrderInversions: 0 } };

    const unmet = unmetExpectations(comparisonResult({ clickstream: { consumers } }));

    expect(unmet).toEqual(['clickstream: dashboard saw 198 of 200 events']);
  });

  it('does not check figures the target could not observe', () => {
    const result = comparisonResult({ email: { receivableAfterRun: null, lost: null }, clickstream: { poison: null, replayAggregatesEqual: null } });

    expect(unmetExpectations(result)).toEqual([]);
  });
});
