/**
 * The tie-in with `npm start`: turns what a run observed (record sizes, independent consumers, the
 * order each pattern needed) into ready `npm run advise` commands, so users can price the same
 * workload at their own rate.
 */
import { encodeClickstreamEvent } from '../../runtime/shared/clickstream-record-codec';
import { generateClickstreamEvents } from '../../runtime/clickstream/producer/generate-events';
import type { ComparisonResult } from './comparison-result';
import { isKafkaNotRun } from './kafka-comparison';
import { buildEmailJobMix } from '../email/email-job-mix';
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

const mean = (sizes: readonly number[]): number => sizes.reduce((sum, size) => sum + size, 0) / Math.max(1, sizes.length);

/** Mean size of the email jobs a run sends (the same builder the run uses). */
function sampleEmailJobBytes(): number {
  const mix = buildEmailJobMix({ jobs: 100, malformedRatio: 0, transientRatio: 0, runId: 'run-0000000000' });
  return mean(mix.validJobs.map((job) => Buffer.byteLength(JSON.stringify(job))));
}

/** Mean size of the clickstream records a run writes (the same generator and codec). */
export function sampleClickstreamRecordBytes(): number {
  return mean(generateClickstreamEvents({ events: 200, users: 100 }).map((event) => encodeClickstreamEvent(event).byteLength));
}

/** The one line `npm start` ends with: both patterns of the run, ready to price. */
export function adviseLineForRun(result: ComparisonResult): string {
  const readers = Object.values(result.clickstream.consumers).filter((consumer) => consumer !== null).length;
  const email = adviseCommandFor({ recordBytes: sampleEmailJobBytes(), consumers: 1, ordering: 'none', work: 'task' });
  const clickstream = adviseCommandFor({
    recordBytes: sampleClickstreamRecordBytes(),
    consumers: Math.max(1, readers),
    ordering: 'per-key',
    work: 'event',
    // The replay reader re-reads from TRIM_HORIZON: the stream's 24 h minimum retention covers it.
    replayHours: result.clickstream.consumers.replay === null ? 0 : 24,
  });
  // The Kafka pattern reads the same clickstream with three consumer groups (sessionizer, analytics, replay from the earliest offset).
  const kafka = result.kafka === undefined || isKafkaNotRun(result.kafka)
    ? ''
    : `   kafka: ${adviseCommandFor({ recordBytes: sampleClickstreamRecordBytes(), consumers: 3, ordering: 'per-key', work: 'event', replayHours: 24 })}`;
  return `Price this run at your own rate (change --rate): email: ${email}   clickstream: ${clickstream}${kafka}`;
}
