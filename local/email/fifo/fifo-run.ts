/**
 * The SQS FIFO pattern's run on any FIFO target: the same ordered workload, with one held job and
 * resent jobIds, first on the standard queue (the baseline), then on the FIFO queue; each queue type
 * in a session of its own, closed before the next opens, so neither slows the other.
 */
import type { EmailQueueType } from '../../../lib/common/app-context';
import type { FifoTarget } from './fifo-target';
import { runOrderedQueue, type OrderedQueueRunResult } from './ordered-queue-run';

/** Competing workers per queue: enough that a standard queue visibly reorders a recipient's jobs. */
export const FIFO_RUN_WORKERS = 3;

/** The `emailFifo` part of `npm start -- --variants --json`. */
export interface EmailFifoOutcome {
  /** The same workload on the standard queue: what FIFO is compared against. */
  readonly standard: OrderedQueueRunResult;
  readonly fifo: OrderedQueueRunResult;
}

/** The outcome, and what each session reported differing from AWS. */
export interface EmailFifoRun {
  readonly outcome: EmailFifoOutcome;
  readonly environmentReport: readonly string[];
}

/** Runs the standard baseline, then FIFO, on `target`. */
export async function runEmailFifo(target: FifoTarget, log: (line: string) => void): Promise<EmailFifoRun> {
  const environmentReport: string[] = [];
  const runOn = async (queueType: EmailQueueType): Promise<OrderedQueueRunResult> => {
    log(`SQS ${queueType}`);
    const session = await target.open({ queueType });
    try {
      environmentReport.push(...session.environmentReport.map((line) => `(${queueType}) ${line}`));
      return await runOrderedQueue(session, { runId: queueType, workers: FIFO_RUN_WORKERS, holdOneJob: true });
    } finally {
      await session.close();
    }
  };
  const standard = await runOn('standard');
  const fifo = await runOn('fifo');
  return { outcome: { standard, fifo }, environmentReport };
}
