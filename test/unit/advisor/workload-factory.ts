import type { Workload } from '../../../advisor/workload';

/**
 * A workload with the example figures, overridable field by field. Producers batch 10 per
 * send call and no work time is given, unless a test says otherwise; the Kinesis producer
 * aggregates as its default (`auto`) with no key backlog, so every Kinesis record is one user record.
 */
export function workload(overrides: Partial<Workload> = {}): Workload {
  return { ratePerSecond: 2000, peakFactor: 1, recordBytes: 3000, consumers: 1, ordering: 'none', work: 'task', replaySeconds: 0, retentionSeconds: 86_400, workSeconds: 0, sendBatch: 10, aggregation: 'auto', keyBacklog: 1, ...overrides };
}
