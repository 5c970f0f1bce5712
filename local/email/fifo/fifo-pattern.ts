/**
 * The email worker on an SQS FIFO queue (`-c emailQueue=fifo`), as it registers with the pattern
 * registry: run with `npm start -- --variants` after the other patterns, on the FIFO queue and, with
 * the same workload, on the standard queue as its baseline; each queue provisioned from the
 * EmailWorkerStack template of its queue type, on a fauxqs of its own.
 */
import type { PatternEntry, PatternRunOutcome } from '../../patterns/pattern-entry';
import { meanBytes } from '../../patterns/observed-workload';
import type { PatternRunContext } from '../../patterns/pattern-run-context';
import { condensedReport } from '../../comparison/condensed-report';
import { ConfigurationError } from '../../../runtime/shared/errors';
import { FIFO_FIGURES, fifoCells, unmetFifoExpectations } from './fifo-cells';
import { FIFO_RUN_WORKERS, runEmailFifo, type EmailFifoOutcome } from './fifo-run';
import { formatQueueTypesTable } from './fifo-table';
import { orderedJobs } from './ordered-job-workload';
import { DEFAULT_JOBS_PER_RECIPIENT, DEFAULT_RECIPIENTS } from './ordered-queue-run';

/** What fauxqs plays differently from SQS, whatever the figures. */
const FIFO_NOTES = [
  'emailFifo: fauxqs hands out at most one message per FIFO group per receive (SQS may return several, in order); the poller\'s one-per-group rule is unit-tested for that case',
  'emailFifo: FIFO deduplication expiry (5 minutes) is not waited out',
];

async function run(context: PatternRunContext): Promise<PatternRunOutcome<EmailFifoOutcome>> {
  const fifo = context.target.emailFifo;
  if (fifo === undefined) throw new ConfigurationError(`emailFifo does not run on ${context.target.name}`);
  const { outcome, environmentReport } = await runEmailFifo(fifo, (line) => context.progress.log(`emailFifo: ${line}`));
  return { outcome, notes: [...FIFO_NOTES, ...condensedReport('emailFifo', environmentReport)] };
}

/** Mean size of the jobs the run sends (the same builder the run uses). */
function sampleOrderedJobBytes(): number {
  return meanBytes(orderedJobs('fifo', DEFAULT_RECIPIENTS, DEFAULT_JOBS_PER_RECIPIENT).map((job) => Buffer.byteLength(JSON.stringify(job))));
}

export const emailFifoPattern: PatternEntry<EmailFifoOutcome> = {
  key: 'emailFifo',
  heading: 'SQS FIFO (email worker)',
  description: {
    provisioning: 'EmailWorkerStack synthesized with -c emailQueue=fifo, and =standard for the baseline, each on its own fauxqs',
    consumers: [`${FIFO_RUN_WORKERS} competing workers per queue (the Fargate worker's poller, in this process)`],
    traffic: 'the same interleaved jobs, numbered per recipient (a message group on FIFO), on the FIFO and the standard queue',
    faults: 'one job failing until every other recipient is done; jobIds sent twice (a producer retry)',
    observation: 'completions per job and recipient, in the order they happened; the queue\'s attributes once done',
  },
  figures: FIFO_FIGURES,
  schedule: 'variants',
  embeddedOnly: 'it compares the queue types side by side, each on its own emulator; a deployed stage runs one queue type (-c emailQueue)',
  run,
  cells: (outcome) => fifoCells(outcome, FIFO_RUN_WORKERS),
  expectations: unmetFifoExpectations,
  workload: () => ({ recordBytes: sampleOrderedJobBytes(), consumers: 1, ordering: 'per-key', work: 'task' }),
  details: (outcome) => `SQS standard vs SQS FIFO (same workload, each from its synthesized template):\n\n${formatQueueTypesTable(outcome, FIFO_RUN_WORKERS)}`,
};
