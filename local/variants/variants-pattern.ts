/**
 * The email worker's variants, as they register with the pattern registry: the SQS FIFO queue and
 * the signup fan-out (SNS→SQS), each provisioned from the EmailWorkerStack template of its variant,
 * run with `npm start -- --variants` after the other patterns. The standard queue runs beside
 * them with the same workload, as the baseline of their own table (printed under the comparison).
 */
import type { PatternEntry, PatternRunOutcome } from '../patterns/pattern-entry';
import type { PatternRunContext } from '../patterns/pattern-run-context';
import { runVariants, type VariantsResult } from './run-variants';
import { formatVariantsTable, unmetVariantExpectations } from './variants-table';

async function run(context: PatternRunContext): Promise<PatternRunOutcome<VariantsResult>> {
  const result = await runVariants((line) => context.progress.log(line));
  return { outcome: result, notes: result.notes };
}

const VARIANTS_FIGURES: Readonly<Record<string, string>> = {
  'FIFO jobs': 'jobs completed by one of 3 competing workers, of those sent',
  'fan-out published': 'signup messages published to the topic; each subscriber queue\'s count is of the messages its filter lets through',
  inversions: 'jobs of a message group completed after a later job of the same group',
  'resent, dropped': 'jobIds sent twice (a producer retry), and how many of those SQS FIFO deduplication dropped',
  'failed, ran ahead': 'failures of the held job, jobs of other groups completed meanwhile, and jobs of its own group completed before it',
  'left after the run': 'messages still in a subscriber queue once the run ended',
};

export const variantsPattern: PatternEntry<VariantsResult> = {
  key: 'variants',
  heading: 'SQS FIFO + SNS→SQS fan-out',
  description: {
    provisioning: 'EmailWorkerStack synthesized with -c emailQueue=fifo and =standard (which carries the signup fan-out), each on its own fauxqs',
    consumers: ['3 competing workers per queue', 'one worker per subscriber queue of the fan-out (email with an opt-in filter, analytics)'],
    traffic: 'the same ordered jobs per message group on standard and FIFO; signups published to the topic',
    faults: 'one job held failing in its group; resent jobIds; the email subscriber failing while analytics runs',
    observation: 'completions per job and group, deduplicated sends, what each subscriber queue received and kept',
  },
  figures: VARIANTS_FIGURES,
  schedule: 'variants',
  embeddedOnly: 'it compares the queue types side by side, each on its own emulator; a deployed stage runs one queue type (-c emailQueue)',
  run,
  cells: ({ fifo, fanout }) => {
    const { email, analytics } = fanout.subscribers;
    return {
      who: [
        `FIFO: one of 3 competing workers: ${fifo.completed}/${fifo.jobs} jobs`,
        `fan-out: EVERY subscriber queue gets a copy: published ${fanout.published}; email ${email.received}/${email.expected} (opt-in filter), analytics ${analytics.received}/${analytics.expected}`,
      ],
      ordering: [`FIFO: ${fifo.perGroupOrderInversions} inversions per message group`, 'fan-out: per subscriber queue, as that queue (standard here)'],
      replay: ['none: deleted on success', `fan-out left after the run: email ${email.leftAfterRun}, analytics ${analytics.leftAfterRun}`],
      failure: [
        `FIFO: held job failed ${fifo.heldJobFailures}x; ${fifo.othersCompletedWhileHeld} others done meanwhile; ${fifo.heldGroupOvertakes} of its group ran ahead`,
        `FIFO resends: ${fifo.resent} resent, ${fifo.deduplicated} dropped by SQS`,
        `fan-out: email failed ${email.failedAttempts}x; analytics got ${analytics.received}/${analytics.expected} meanwhile`,
      ],
      scaling: ['FIFO: the message group (one job in flight per group)', 'fan-out: one queue, and its workers, per subscriber'],
    };
  },
  expectations: unmetVariantExpectations,
  details: (result) => `SQS standard vs SQS FIFO vs SNS→SQS fan-out (same workload, each from its synthesized template):\n\n${formatVariantsTable(result)}`,
};
