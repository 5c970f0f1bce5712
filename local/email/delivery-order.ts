/**
 * Delivery order of an email run, as the SMTP sink acknowledged it: how many adjacent deliveries
 * arrived in the reverse of their enqueue order. A standard queue promises no order, so this is
 * usually > 0 with competing workers; a FIFO queue (not run here) would keep it at 0 per group.
 */
import type { CapturedMail } from '../emulators/smtp-sink';

/** A valid job's id is `<runId>-job-<index>` (email-job-mix.ts); the index is its enqueue position. */
const JOB_INDEX = /-job-(\d+)$/;

/** Enqueue position of a delivered mail, or undefined when its job id does not carry one. */
function enqueueIndexOf(mail: CapturedMail): number | undefined {
  const match = mail.jobId === undefined ? null : JOB_INDEX.exec(mail.jobId);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Adjacent pairs in `positions` whose second element is smaller than the first. */
export function countAdjacentInversions(positions: readonly number[]): number {
  let inversions = 0;
  for (let index = 1; index < positions.length; index += 1) {
    if ((positions[index] ?? 0) < (positions[index - 1] ?? 0)) inversions += 1;
  }
  return inversions;
}

/** Inversions in the sink's acknowledgement order (first delivery of each job only). */
export function countDeliveryOrderInversions(mails: readonly CapturedMail[]): number {
  const seen = new Set<number>();
  const positions: number[] = [];
  for (const mail of mails) {
    const position = enqueueIndexOf(mail);
    if (position === undefined || seen.has(position)) continue;
    seen.add(position);
    positions.push(position);
  }
  return countAdjacentInversions(positions);
}
