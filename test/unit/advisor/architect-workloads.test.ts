/**
 * Ten workloads a senior AWS architect meets, each with the answer such an architect gives and why.
 * The advisor must give the same answer, and its reasons must name the deciding numbers.
 */
import { advise, type Advice } from '../../../advisor/advise';
import { loadUsEast1Prices } from '../../../advisor/price-list';
import type { Workload } from '../../../advisor/workload';
import { workload } from './workload-factory';

const prices = loadUsEast1Prices();
const reasonsOf = (advice: Advice): string => advice.recommendation.reasons.map((reason) => `[${reason.rule}] ${reason.message}`).join('\n');

interface Case {
  readonly name: string;
  readonly workload: Partial<Workload>;
  readonly expected: string | null;
  /** Each must appear in the reasons: the numbers that decided it. */
  readonly because: readonly RegExp[];
}

const CASES: readonly Case[] = [
  // Sending emails: work done once, a retry and DLQ per email, any number of workers. A stream would
  // save a few dollars and add head-of-line blocking: the seeds' central warning.
  { name: 'email task queue, 50/s of 2 KB, 300 ms per email, one email per send call', workload: { ratePerSecond: 50, recordBytes: 2_000, workSeconds: 0.3, sendBatch: 1 }, expected: 'sqs-standard', because: [/15 record\(s\) in progress/, /kinesis-provisioned fits less/, />= 3x cheaper and >= USD 100/] },
  // Payments per account, in order: FIFO message groups per account. 100 tasks at once would need
  // 10 shards of Kinesis, and a stuck payment would block its shard.
  { name: 'ordered payment tasks, 200/s of 4 KB, 500 ms each', workload: { ratePerSecond: 200, recordBytes: 4_000, ordering: 'per-key', workSeconds: 0.5, sendBatch: 1 }, expected: 'sqs-fifo', because: [/100 record\(s\) in progress/, /fits less/, /2\.\d+x/] },
  // 20,000 log lines/s: SQS requests cost thousands a month; a stream does it for a fraction, and
  // log shipping tolerates a shard waiting on a retry.
  { name: 'high-volume log pipeline, 20,000/s of 1 KB, batched producers', workload: { ratePerSecond: 20_000, recordBytes: 1_000, workSeconds: 0.005, sendBatch: 10 }, expected: 'msk-provisioned', because: [/7\.\d+x cheaper than sqs-standard/, /saves USD 5,?4\d\d/] },
  // Three analytics readers of the same clicks, per user order, a day of replay: a stream.
  { name: 'clickstream analytics, 500/s of 1 KB, 3 consumers, per-user order, 24 h replay', workload: { ratePerSecond: 500, recordBytes: 1_000, consumers: 3, work: 'event', ordering: 'per-key', replaySeconds: 86_400, workSeconds: 0.02 }, expected: 'kinesis-provisioned', because: [/3 independent consumers/, /replay of 24 h/, /needs 1 shard/] },
  // Ten teams reading one event backbone with a week of replay: Kafka, where a consumer group costs
  // nothing extra; Kinesis would need enhanced fan-out for 10 readers.
  { name: 'event backbone, 2,000/s of 2 KB, 10 consumers, 7-day replay', workload: { ratePerSecond: 2_000, recordBytes: 2_000, consumers: 10, work: 'event', ordering: 'per-key', replaySeconds: 7 * 86_400, retentionSeconds: 7 * 86_400, workSeconds: 0.01 }, expected: 'msk-provisioned', because: [/10 independent consumers/, /replay of 168 h/, /next: kinesis-provisioned/] },
  // Signups fanned out to billing, email and CRM, 5/s, no order: SNS to one SQS queue each.
  { name: '5/s fan-out to 3 services', workload: { ratePerSecond: 5, recordBytes: 1_000, consumers: 3, work: 'event', workSeconds: 0.2, sendBatch: 1 }, expected: 'sns-sqs-fanout', because: [/3 independent consumers/, /SNS fan-out to 3 queues/] },
  // A ledger in one global order at 20/s, 20 ms a posting: one FIFO message group keeps up.
  { name: 'strict-order ledger, 20/s of 1 KB, 20 ms per posting', workload: { ratePerSecond: 20, recordBytes: 1_000, ordering: 'strict', workSeconds: 0.02, sendBatch: 1 }, expected: 'sqs-fifo', because: [/strict global order/, /1 record\(s\) in progress/] },
  // 100 workers at once, no order: a queue serves them all; a stream must buy 10 shards to match.
  { name: 'task workload needing 100 concurrent workers, 200/s of 4 KB, 500 ms', workload: { ratePerSecond: 200, recordBytes: 4_000, workSeconds: 0.5, sendBatch: 1 }, expected: 'sqs-standard', because: [/100 record\(s\) in progress/, /kinesis-provisioned fits less/] },
  // Strict order but 100 ms of work at 50/s: five records at once, which no ordered carrier allows.
  { name: 'strict order that cannot keep up, 50/s at 100 ms', workload: { ratePerSecond: 50, recordBytes: 1_000, ordering: 'strict', workSeconds: 0.1 }, expected: null, because: [/5 record\(s\) in progress/, /no option meets every requirement/] },
  // Order updates to 3 services, per order id, no replay: one shard carries it with per-key order
  // for each reader at a fraction of FIFO fan-out.
  { name: 'ordered events to 3 services, 100/s of 1 KB, per-key', workload: { ratePerSecond: 100, recordBytes: 1_000, consumers: 3, work: 'event', ordering: 'per-key', workSeconds: 0.05 }, expected: 'kinesis-provisioned', because: [/3 independent consumers/, /per-key order/, /needs 1 shard/] },
];

describe('the advisor answers as an architect would', () => {
  it.each(CASES)('$name', ({ workload: overrides, expected, because }) => {
    const advice = advise(workload(overrides), prices);
    expect(advice.recommendation.option).toBe(expected);
    for (const pattern of because) expect(reasonsOf(advice)).toMatch(pattern);
  });

  it('gives [capacity] only for the option it concerns: none about shards when SQS is recommended', () => {
    const advice = advise(workload({ ratePerSecond: 10, recordBytes: 2_000, sendBatch: 1 }), prices);
    expect(advice.recommendation.option).toBe('sqs-standard');
    expect(advice.recommendation.reasons.map((reason) => reason.rule)).not.toContain('capacity');
  });

  it('sizes Kinesis shards for the work as well as the bytes', () => {
    const advice = advise(workload({ ratePerSecond: 200, recordBytes: 4_000, workSeconds: 0.5 }), prices);
    const kinesis = advice.options.find((option) => option.option === 'kinesis-provisioned');
    expect(kinesis?.why.join(' ')).toMatch(/100 records in progress at once need 10 shard\(s\)/);
  });
});
