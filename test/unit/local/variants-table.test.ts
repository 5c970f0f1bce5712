import type { VariantsResult } from '../../../local/variants/run-variants';
import { formatVariantsTable, unmetVariantExpectations } from '../../../local/variants/variants-table';

const queueRun = (queueType: 'standard' | 'fifo', overrides: Partial<VariantsResult['fifo']> = {}): VariantsResult['fifo'] => ({
  queueType, jobs: 120, resent: 10, deduplicated: queueType === 'fifo' ? 10 : 0, completed: 120,
  duplicateCompletions: queueType === 'fifo' ? 0 : 10, perGroupOrderInversions: queueType === 'fifo' ? 0 : 27,
  heldJobFailures: 1, othersCompletedWhileHeld: 97, heldGroupOvertakes: queueType === 'fifo' ? 0 : 13, finished: true, ...overrides,
});

function aVariantsResult(fifo: Partial<VariantsResult['fifo']> = {}): VariantsResult {
  return {
    standard: queueRun('standard'),
    fifo: queueRun('fifo', fifo),
    fanout: {
      published: 100,
      subscribers: {
        email: { received: 75, expected: 75, duplicates: 0, failedAttempts: 67, leftAfterRun: 0 },
        analytics: { received: 100, expected: 100, duplicates: 0, failedAttempts: 0, leftAfterRun: 0 },
      },
      emailConsumedWhenAnalyticsDone: 0,
      finished: true,
    },
    notes: [],
  };
}

describe('variants table', () => {
  it('renders the figures of the run in the three columns', () => {
    const table = formatVariantsTable(aVariantsResult());

    expect(table).toContain('SQS FIFO');
    expect(table).toContain('27 inversions');
    expect(table).toContain('10 dropped by SQS');
    expect(table).toMatch(/email 75\/75/);
  });

  it('has no unmet expectation for a run where FIFO kept order and deduplicated', () => {
    expect(unmetVariantExpectations(aVariantsResult())).toEqual([]);
  });

  it('reports FIFO inversions and missed deduplication', () => {
    expect(unmetVariantExpectations(aVariantsResult({ perGroupOrderInversions: 2, deduplicated: 3 }))).toEqual([
      'variants: FIFO had 2 per-group order inversions (expected 0)',
      'variants: FIFO dropped 3 of 10 resends (expected all)',
    ]);
  });
});
