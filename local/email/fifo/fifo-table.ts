/**
 * The SQS FIFO pattern's own table, printed under the comparison: the standard queue and the FIFO
 * queue side by side under the same workload, every cell rendered from the run's outcome. Pure.
 */
import type { EmailFifoOutcome } from './fifo-run';
import type { OrderedQueueRunResult } from './ordered-queue-run';

/** A row: what it shows, then the standard and the FIFO cell. */
interface QueueTypesRow {
  readonly dimension: string;
  readonly standard: string;
  readonly fifo: string;
}

const WIDTHS = { dimension: 24, cell: 40 } as const;

/** The rows, each cell computed from `outcome`. */
function queueTypesRows({ standard, fifo }: EmailFifoOutcome, workers: number): QueueTypesRow[] {
  const held = (run: OrderedQueueRunResult): string =>
    `failed ${run.heldJobFailures}x; ${run.othersCompletedWhileHeld} others done meanwhile; ${run.heldGroupOvertakes} of its group ran ahead`;
  return [
    {
      dimension: 'who gets a message',
      standard: `one of ${workers} competing workers: ${standard.completed}/${standard.jobs} jobs`,
      fifo: `one of ${workers} competing workers: ${fifo.completed}/${fifo.jobs} jobs`,
    },
    {
      dimension: 'order per recipient',
      standard: `${standard.perGroupOrderInversions} inversions`,
      fifo: `${fifo.perGroupOrderInversions} inversions (per message group)`,
    },
    {
      dimension: 'resent jobId (producer retry)',
      standard: `${standard.resent} resent, ${standard.duplicateCompletions} reached the consumers (idempotency table's job)`,
      fifo: `${fifo.resent} resent, ${fifo.deduplicated} dropped by SQS, ${fifo.duplicateCompletions} reached the consumers`,
    },
    { dimension: 'a failing message', standard: held(standard), fifo: held(fifo) },
    { dimension: 'replay after consuming', standard: 'none: deleted on success', fifo: 'none: deleted on success' },
  ];
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** The table as text; `workers` is how many competed on each queue. */
export function formatQueueTypesTable(outcome: EmailFifoOutcome, workers: number): string {
  const header: QueueTypesRow = { dimension: '', standard: 'SQS standard', fifo: 'SQS FIFO' };
  const rule = '-'.repeat(WIDTHS.dimension + 2 * (WIDTHS.cell + 3));
  const render = (row: QueueTypesRow): string[] => {
    const cells = [wrap(row.dimension, WIDTHS.dimension), wrap(row.standard, WIDTHS.cell), wrap(row.fifo, WIDTHS.cell)];
    const height = Math.max(...cells.map((cell) => cell.length));
    return Array.from({ length: height }, (_, index) => cells
      .map((cell, column) => (cell[index] ?? '').padEnd(column === 0 ? WIDTHS.dimension : WIDTHS.cell))
      .join(' | ')
      .trimEnd());
  };
  return [...render(header), rule, ...queueTypesRows(outcome, workers).flatMap((row) => [...render(row), rule])].join('\n');
}
