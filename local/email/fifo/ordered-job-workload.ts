/**
 * The workload of the SQS FIFO pattern, the same on its FIFO and its standard queue: jobs for a few
 * recipients, interleaved, each recipient's jobs numbered in enqueue order; and how to count what
 * the consumers made of it (order per recipient, duplicates).
 */
import type { EmailJob } from '../../../runtime/email-worker/email-job';
import { countAdjacentInversions } from '../delivery-order';

/** `<runId>-r<recipient>-<position>`: the recipient and the job's place in that recipient's order. */
const ORDERED_JOB_ID = /-r(\d+)-(\d+)$/;

/** Jobs round-robin over `recipients` addresses, `perRecipient` each, so every recipient's jobs interleave. */
export function orderedJobs(runId: string, recipients: number, perRecipient: number): EmailJob[] {
  const jobs: EmailJob[] = [];
  for (let position = 0; position < perRecipient; position++) {
    for (let recipient = 0; recipient < recipients; recipient++) {
      jobs.push({
        jobId: `${runId}-r${recipient}-${position}`,
        to: `recipient${recipient}@example.com`,
        subject: `Update ${position}`,
        body: `Update ${position} for recipient ${recipient}.`,
      });
    }
  }
  return jobs;
}

/** Recipient and position of an ordered job id, or undefined for any other id. */
export function orderOf(jobId: string): { readonly recipient: number; readonly position: number } | undefined {
  const match = ORDERED_JOB_ID.exec(jobId);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { recipient: Number(match[1]), position: Number(match[2]) };
}

/** Counts the consumers' completions, in the order they happened. */
export class OrderedCompletions {
  private readonly byRecipient = new Map<number, number[]>();
  private completions = 0;
  private readonly seen = new Set<string>();

  /** Records one completed job (a second completion of the same jobId counts as a duplicate). */
  record(jobId: string): void {
    const order = orderOf(jobId);
    if (order === undefined) return;
    this.completions += 1;
    this.seen.add(jobId);
    const positions = this.byRecipient.get(order.recipient) ?? [];
    positions.push(order.position);
    this.byRecipient.set(order.recipient, positions);
  }

  /** Distinct jobs completed. */
  get distinct(): number {
    return this.seen.size;
  }

  /** Completions of a jobId already completed once. */
  get duplicates(): number {
    return this.completions - this.seen.size;
  }

  /** Positions completed so far for one recipient, in completion order. */
  positionsOf(recipient: number): readonly number[] {
    return this.byRecipient.get(recipient) ?? [];
  }

  /** Adjacent completions, per recipient, that ran in the reverse of their enqueue order (summed). */
  get perGroupOrderInversions(): number {
    let inversions = 0;
    for (const positions of this.byRecipient.values()) inversions += countAdjacentInversions(positions);
    return inversions;
  }
}
