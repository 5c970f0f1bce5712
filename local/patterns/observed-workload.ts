/**
 * What one pattern of a run looked like to the advisor (record size, independent consumers, the
 * order it needed), and the ready `npm run advise` command for it, so users can price the same
 * workload at their own rate.
 */
import type { Ordering, WorkKind } from '../../advisor/workload';

/** What one pattern of a run looked like. */
export interface ObservedWorkload {
  /** Mean bytes per record (rounded up to whole bytes by the command). */
  readonly recordBytes: number;
  readonly consumers: number;
  readonly ordering: Ordering;
  readonly work: WorkKind;
  /**
   * Replay window the pattern needed, in hours (0: none).
   * @default 0
   */
  readonly replayHours?: number;
  /**
   * Rate to start from; the user replaces it with theirs.
   * @default 100 records/s
   */
  readonly ratePerSecond?: number;
  /**
   * Mean time one consumer spent on one record, in milliseconds; sizes the consumers' concurrency.
   * @default not passed (the advisor then does not check concurrency)
   */
  readonly workMs?: number;
}

/** The command for one observed pattern. */
export function adviseCommandFor(observed: ObservedWorkload): string {
  if (!(observed.recordBytes > 0) || !Number.isInteger(observed.consumers) || observed.consumers < 1) {
    throw new RangeError(`adviseCommandFor: record size must be > 0 and consumers a whole number >= 1 (got ${observed.recordBytes} B, ${observed.consumers})`);
  }
  const flags = [
    `--rate ${observed.ratePerSecond ?? 100}/s`,
    `--size ${Math.ceil(observed.recordBytes)}B`,
    `--consumers ${observed.consumers}`,
    `--order ${observed.ordering}`,
    `--work ${observed.work}`,
  ];
  if ((observed.replayHours ?? 0) > 0) flags.push(`--replay ${observed.replayHours}h`);
  if ((observed.workMs ?? 0) > 0) flags.push(`--work-time ${Math.ceil(observed.workMs ?? 0)}ms`);
  return `npm run advise -- ${flags.join(' ')}`;
}

/** The mean of some sizes (0 for none). */
export const meanBytes = (sizes: readonly number[]): number => sizes.reduce((sum, size) => sum + size, 0) / Math.max(1, sizes.length);
