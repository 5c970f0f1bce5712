/**
 * Properties over generated workloads (fast-check, fixed seed so a failure reproduces):
 * costs never fall when the rate or the record size grows, and the recommended option always meets
 * every requirement, checked here against the requirements directly rather than the models' flags.
 */
import fc from 'fast-check';
import { advise } from '../../../advisor/advise';
import { OPTION_MODELS } from '../../../advisor/options/all-options';
import { isQueue, OPTION_NAMES } from '../../../advisor/option-estimate';
import { loadUsEast1Prices } from '../../../advisor/price-list';
import type { Workload } from '../../../advisor/workload';

const prices = loadUsEast1Prices();
const SETTINGS = { seed: 20261202, numRuns: 200 } as const;

const workloads: fc.Arbitrary<Workload> = fc
  .record({
    ratePerSecond: fc.double({ min: 0.01, max: 300_000, noNaN: true }),
    peakFactor: fc.double({ min: 1, max: 10, noNaN: true }),
    recordBytes: fc.integer({ min: 1, max: 2_000_000 }),
    consumers: fc.integer({ min: 1, max: 25 }),
    ordering: fc.constantFrom('none' as const, 'per-key' as const, 'strict' as const),
    replaySeconds: fc.constantFrom(0, 3_600, 86_400, 30 * 86_400),
    retentionSeconds: fc.constantFrom(3_600, 86_400, 7 * 86_400, 20 * 86_400),
    workSeconds: fc.constantFrom(0, 0.01, 0.2, 2),
    sendBatch: fc.constantFrom(1, 10),
    aggregation: fc.constantFrom('auto' as const, 'on' as const, 'off' as const),
    keyBacklog: fc.constantFrom(1, 2, 50, 5_000),
  })
  .map((fields) => ({ ...fields, work: fields.consumers > 1 || fields.replaySeconds > 0 ? ('event' as const) : ('task' as const) }));

const growth = fc.double({ min: 1, max: 50, noNaN: true });

describe('advisor properties', () => {
  it.each(OPTION_NAMES)('%s never costs less when the rate grows', (option) => {
    fc.assert(
      fc.property(workloads, growth, (w, factor) => {
        const before = OPTION_MODELS[option](w, prices).monthlyUsd;
        const after = OPTION_MODELS[option]({ ...w, ratePerSecond: w.ratePerSecond * factor }, prices).monthlyUsd;
        expect(after).toBeGreaterThanOrEqual(before - 1e-9);
      }),
      SETTINGS,
    );
  });

  it.each(OPTION_NAMES)('%s never costs less when records grow', (option) => {
    fc.assert(
      fc.property(workloads, fc.integer({ min: 0, max: 500_000 }), (w, extra) => {
        const before = OPTION_MODELS[option](w, prices).monthlyUsd;
        const after = OPTION_MODELS[option]({ ...w, recordBytes: w.recordBytes + extra }, prices).monthlyUsd;
        expect(after).toBeGreaterThanOrEqual(before - 1e-9);
      }),
      SETTINGS,
    );
  });

  it('recommends only an option that meets every requirement', () => {
    fc.assert(
      fc.property(workloads, (w) => {
        const { recommendation, options } = advise(w, prices);
        if (recommendation.option === null) {
          expect(options.every((option) => !option.feasible)).toBe(true);
          return;
        }
        const option = recommendation.option;
        const queue = isQueue(option);
        const kinesis = option === 'kinesis-on-demand' || option === 'kinesis-provisioned';
        const peak = w.ratePerSecond * w.peakFactor;
        // Independent consumers: a single queue cannot give everyone every message.
        if (w.work === 'event' && w.consumers > 1) expect(['sqs-standard', 'sqs-fifo']).not.toContain(option);
        // One consumer: no topic in front of the queue.
        if (w.consumers === 1) expect(['sns-sqs-fanout', 'sns-sqs-fifo-fanout']).not.toContain(option);
        // Replay and retention beyond 14 days: no queue.
        if (w.replaySeconds > 0 || w.retentionSeconds > 14 * 86_400) expect(queue).toBe(false);
        // Any order: not a standard queue or a standard topic.
        if (w.ordering !== 'none') expect(['sqs-standard', 'sns-sqs-fanout']).not.toContain(option);
        // Strict order: one shard (1,000 rec/s, 1 MiB/s) or one FIFO group (3,000 msg/s at most).
        if (w.ordering === 'strict' && kinesis) {
          expect(peak).toBeLessThanOrEqual(1_000);
          expect(peak * w.recordBytes).toBeLessThanOrEqual(1_048_576);
        }
        if (w.ordering === 'strict' && option === 'sqs-fifo') expect(peak).toBeLessThanOrEqual(3_000);
        if (option === 'sns-sqs-fifo-fanout') expect(peak).toBeLessThanOrEqual(300);
        // Record size: 1 MiB for SQS, Kinesis and Kafka's default.
        if (option !== 'msk-serverless') expect(w.recordBytes).toBeLessThanOrEqual(1_048_576);
        // Strict order processes one record at a time: the work must fit in one worker.
        if (w.ordering === 'strict') expect(Math.ceil(peak * w.workSeconds - 1e-9)).toBeLessThanOrEqual(1);
        // The recommendation meets every requirement the models check.
        expect(options.find((candidate) => candidate.option === option)?.feasible).toBe(true);
        // Events: the cheapest fitting option. Tasks: the cheapest fitting queue, unless a stream is >= 3x and >= USD 100 cheaper.
        const fifo = ['sqs-fifo', 'sns-sqs-fifo-fanout'];
        const feasible = options.filter((candidate) => candidate.feasible);
        const unordered = feasible.filter((candidate) => !fifo.includes(candidate.option));
        // With no order asked, FIFO options only when nothing else fits.
        const fitting = w.ordering === 'none' && unordered.length > 0 ? unordered : feasible;
        const cheapestOf = (list: typeof fitting): number => Math.min(...list.map((candidate) => candidate.monthlyUsd));
        const queues = fitting.filter((candidate) => isQueue(candidate.option));
        const streams = fitting.filter((candidate) => !isQueue(candidate.option));
        if (w.work === 'event' || queues.length === 0 || streams.length === 0) {
          expect(recommendation.monthlyUsd).toBe(cheapestOf(fitting));
        } else {
          const streamWins = cheapestOf(queues) >= 3 * cheapestOf(streams) && cheapestOf(queues) - cheapestOf(streams) >= 100;
          expect(recommendation.monthlyUsd).toBe(streamWins ? cheapestOf(streams) : cheapestOf(queues));
        }
      }),
      SETTINGS,
    );
  });
});
