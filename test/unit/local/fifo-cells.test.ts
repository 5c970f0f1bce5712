import { fifoCells, FIFO_FIGURES, unmetFifoExpectations } from '../../../local/email/fifo/fifo-cells';
import type { EmailFifoOutcome } from '../../../local/email/fifo/fifo-run';
import { formatQueueTypesTable } from '../../../local/email/fifo/fifo-table';
import type { OrderedQueueRunResult } from '../../../local/email/fifo/ordered-queue-run';

const queueRun = (queueType: 'standard' | 'fifo', overrides: Partial<OrderedQueueRunResult> = {}): OrderedQueueRunResult => ({
  queueType, jobs: 120, resent: 10, deduplicated: queueType === 'fifo' ? 10 : 0, completed: 120,
  duplicateCompletions: queueType === 'fifo' ? 0 : 10, perGroupOrderInversions: queueType === 'fifo' ? 0 : 27,
  heldJobFailures: 1, othersCompletedWhileHeld: 97, heldGroupOvertakes: queueType === 'fifo' ? 0 : 13, finished: true, ...overrides,
});

function anOutcome(fifo: Partial<OrderedQueueRunResult> = {}, standard: Partial<OrderedQueueRunResult> = {}): EmailFifoOutcome {
  return { standard: queueRun('standard', standard), fifo: queueRun('fifo', fifo) };
}

describe('SQS FIFO pattern: cells, table and expectations', () => {
  it('puts the FIFO figures in its cells, each beside the standard queue\'s figure for the same jobs', () => {
    const cells = fifoCells(anOutcome(), 3);

    expect(cells.who).toEqual(['each job goes to ONE of 3 competing workers', 'jobs: 120/120']);
    expect(cells.ordering[1]).toBe('inversions per group: 0 (standard queue, same jobs: 27)');
    expect(cells.failure).toEqual([
      'held job failed 1x; 97 others done meanwhile; 0 of its group ran ahead (standard: 13)',
      'resent 10, dropped by SQS 10, reached the workers 0 (standard: 10)',
    ]);
  });

  it('defines every figure its cells name', () => {
    const text = Object.values(fifoCells(anOutcome(), 3)).flat().join(' ');

    for (const figure of Object.keys(FIFO_FIGURES)) expect(text).toContain(figure);
  });

  it('renders the standard and FIFO queues side by side', () => {
    const table = formatQueueTypesTable(anOutcome(), 3);

    expect(table).toMatch(/SQS standard +\| SQS FIFO/);
    expect(table).toContain('27 inversions');
    expect(table).toContain('10 dropped by SQS');
    expect(table).not.toContain('fan-out');
  });

  it('has no unmet expectation for a run where FIFO kept order and deduplicated, whatever the standard queue did', () => {
    expect(unmetFifoExpectations(anOutcome())).toEqual([]);
  });

  it('reports FIFO inversions, missed deduplication, an overtaken held job and a run out of time', () => {
    expect(unmetFifoExpectations(anOutcome({ perGroupOrderInversions: 2, deduplicated: 3, heldGroupOvertakes: 1 }, { finished: false, completed: 100 }))).toEqual([
      'emailFifo: the standard run hit its deadline (100/120 jobs)',
      'emailFifo: FIFO had 2 per-group order inversions (expected 0)',
      'emailFifo: FIFO dropped 3 of 10 resends (expected all)',
      'emailFifo: FIFO let 1 job(s) overtake a failing one of their group',
    ]);
  });
});
