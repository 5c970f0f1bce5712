/**
 * `npm start --variants`' second table: SQS standard, SQS FIFO and SNS→SQS fan-out side by side,
 * every cell rendered from the VariantsResult of the run; and the checks that must hold. Pure.
 */
import type { VariantsResult } from './run-variants';

/** A row: what it shows, then the standard, FIFO and fan-out cells. */
export interface VariantsRow {
  readonly dimension: string;
  readonly standard: string;
  readonly fifo: string;
  readonly fanout: string;
}

const WIDTHS = { dimension: 24, cell: 30 } as const;

/** The rows, each cell computed from `result`. */
function variantsRows(result: VariantsResult): VariantsRow[] {
  const { standard, fifo, fanout } = result;
  const { email, analytics } = fanout.subscribers;
  const held = (run: VariantsResult['standard']): string =>
    `${run.othersCompletedWhileHeld} others done meanwhile; ${run.heldGroupOvertakes} of its group ran ahead`;
  return [
    {
      dimension: 'who gets a message',
      standard: `one of 3 competing workers: ${standard.completed}/${standard.jobs} jobs`,
      fifo: `one of 3 competing workers: ${fifo.completed}/${fifo.jobs} jobs`,
      fanout: `published ${fanout.published}: email ${email.received}/${email.expected} (opt-in filter), analytics ${analytics.received}/${analytics.expected}`,
    },
    {
      dimension: 'order per recipient',
      standard: `${standard.perGroupOrderInversions} inversions`,
      fifo: `${fifo.perGroupOrderInversions} inversions (per message group)`,
      fanout: 'per subscriber queue: as that queue (standard here)',
    },
    {
      dimension: 'resent jobId (producer retry)',
      standard: `${standard.resent} resent, ${standard.duplicateCompletions} reached the consumers (idempotency table's job)`,
      fifo: `${fifo.resent} resent, ${fifo.deduplicated} dropped by SQS, ${fifo.duplicateCompletions} reached the consumers`,
      fanout: `duplicates: email ${email.duplicates}, analytics ${analytics.duplicates}`,
    },
    {
      dimension: 'a failing message',
      standard: `failed ${standard.heldJobFailures}x; ${held(standard)}`,
      fifo: `failed ${fifo.heldJobFailures}x; ${held(fifo)}`,
      fanout: `email failed ${email.failedAttempts}x; analytics got ${analytics.received}/${analytics.expected} meanwhile (email had ${fanout.emailConsumedWhenAnalyticsDone})`,
    },
    {
      dimension: 'replay after consuming',
      standard: 'none: deleted on success',
      fifo: 'none: deleted on success',
      fanout: `none: left after the run: email ${email.leftAfterRun}, analytics ${analytics.leftAfterRun}`,
    },
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

/** The table as text. */
export function formatVariantsTable(result: VariantsResult): string {
  const header: VariantsRow = { dimension: '', standard: 'SQS standard', fifo: 'SQS FIFO', fanout: 'SNS→SQS fan-out' };
  const rule = '-'.repeat(WIDTHS.dimension + 3 * (WIDTHS.cell + 3));
  const render = (row: VariantsRow): string[] => {
    const cells = [wrap(row.dimension, WIDTHS.dimension), wrap(row.standard, WIDTHS.cell), wrap(row.fifo, WIDTHS.cell), wrap(row.fanout, WIDTHS.cell)];
    const height = Math.max(...cells.map((cell) => cell.length));
    return Array.from({ length: height }, (_, index) => cells
      .map((cell, column) => (cell[index] ?? '').padEnd(column === 0 ? WIDTHS.dimension : WIDTHS.cell))
      .join(' | ')
      .trimEnd());
  };
  return [...render(header), rule, ...variantsRows(result).flatMap((row) => [...render(row), rule])].join('\n');
}

/** The checks of the variants run that did not hold (empty: all held). */
export function unmetVariantExpectations(result: VariantsResult): string[] {
  const { fifo, fanout } = result;
  const unmet: string[] = [];
  for (const run of [result.standard, fifo]) {
    if (!run.finished) unmet.push(`variants: ${run.queueType} run hit its deadline (${run.completed}/${run.jobs} jobs)`);
  }
  if (fifo.perGroupOrderInversions !== 0) unmet.push(`variants: FIFO had ${fifo.perGroupOrderInversions} per-group order inversions (expected 0)`);
  if (fifo.deduplicated !== fifo.resent) unmet.push(`variants: FIFO dropped ${fifo.deduplicated} of ${fifo.resent} resends (expected all)`);
  if (fifo.heldGroupOvertakes !== 0) unmet.push(`variants: FIFO let ${fifo.heldGroupOvertakes} job(s) overtake a failing one of their group`);
  for (const [name, subscriber] of Object.entries(fanout.subscribers)) {
    if (subscriber.received !== subscriber.expected) unmet.push(`variants: fan-out ${name} received ${subscriber.received} of ${subscriber.expected}`);
    if (subscriber.duplicates !== 0 || subscriber.leftAfterRun !== 0) {
      unmet.push(`variants: fan-out ${name} saw ${subscriber.duplicates} duplicate(s) and ${subscriber.leftAfterRun} message(s) left after the run`);
    }
  }
  if (fanout.subscribers.analytics.received < fanout.subscribers.analytics.expected || fanout.emailConsumedWhenAnalyticsDone !== 0) {
    unmet.push('variants: the failing email subscriber held the analytics subscriber back');
  }
  return unmet;
}
