/**
 * Each model against arithmetic done by hand from the price file (advisor/prices/us-east-1.json),
 * so a change of model or of a price shows up as a changed figure.
 * One month is 730 h = 2,628,000 s; 2,000 rec/s is 5,256,000,000 records a month.
 */
import { loadUsEast1Prices } from '../../../advisor/price-list';
import { estimateKinesisOnDemand } from '../../../advisor/options/kinesis-on-demand';
import { estimateKinesisProvisioned, estimateKinesisProvisionedWith } from '../../../advisor/options/kinesis-provisioned';
import { estimateMskServerless } from '../../../advisor/options/msk-serverless';
import { estimateSnsSqsFanout } from '../../../advisor/options/sns-sqs-fanout';
import { estimateSqsFifo } from '../../../advisor/options/sqs-fifo';
import { estimateSqsStandard } from '../../../advisor/options/sqs-standard';
import { workload } from './workload-factory';

const prices = loadUsEast1Prices();
const RECORDS = 5_256_000_000;

describe('option models', () => {
  it('SQS standard: batches of 10 x 3 KB = one 64 KB chunk; send + receive + delete, no empty receives at this rate', () => {
    const batches = RECORDS / 10;
    expect(estimateSqsStandard(workload(), prices).monthlyUsd).toBeCloseTo(((3 * batches) / 1e6) * 0.4, 6); // 630.72
  });

  it('SQS standard: an idle queue still pays for 5 long-polling pollers every 20 s', () => {
    const tiny = workload({ ratePerSecond: 0.001 });
    const batches = (0.001 * 2_628_000) / 10;
    const emptyReceives = (5 * 2_628_000) / 20 - batches;
    expect(estimateSqsStandard(tiny, prices).monthlyUsd).toBeCloseTo(((3 * batches + emptyReceives) / 1e6) * 0.4, 9);
  });

  it('SQS FIFO: the same requests at the FIFO price; strict order above 3,000 msg/s is infeasible', () => {
    expect(estimateSqsFifo(workload(), prices).monthlyUsd).toBeCloseTo(((3 * RECORDS) / 10 / 1e6) * 0.5, 6);
    const strict = estimateSqsFifo(workload({ ordering: 'strict', ratePerSecond: 3_001 }), prices);
    expect(strict.feasible).toBe(false);
    expect(strict.why.join(' ')).toMatch(/one message group: 300 calls\/s x 10 messages = 3,000 msg\/s/);
  });

  it('SNS to SQS: publishes once, then each of 3 queues receives and deletes', () => {
    const fanout = estimateSnsSqsFanout(workload({ consumers: 3, work: 'event' }), prices);
    const publishes = RECORDS / 10;
    const perQueue = 2 * (RECORDS / 10);
    expect(fanout.monthlyUsd).toBeCloseTo((publishes / 1e6) * 0.5 + ((3 * perQueue) / 1e6) * 0.4, 6);
  });

  it('Kinesis provisioned: the issue example needs 6 shards (6,000,000 B/s over 1 MiB/s) and one 25 KB unit per record', () => {
    const estimate = estimateKinesisProvisioned(workload(), prices);
    expect(estimate.why[0]).toBe('at a peak of 2,000 rec/s of 3,000 B a provisioned stream needs 6 shard(s) (write limit 1 MiB/s per shard)');
    // 6 x 730 x 0.015 = 65.70; 5,256 million units x 0.014 = 73.584.
    expect(estimate.monthlyUsd).toBeCloseTo(65.7 + 73.584, 6);
  });

  it('Kinesis provisioned: enhanced fan-out adds consumer-shard-hours and its own GB out', () => {
    const fanOut = estimateKinesisProvisionedWith('enhanced-fan-out', workload({ consumers: 3, work: 'event' }), prices);
    const gbOut = (RECORDS * 3000 * 3) / 2 ** 30;
    expect(fanOut.monthlyUsd).toBeCloseTo(65.7 + 73.584 + 3 * 6 * 730 * 0.015 + gbOut * 0.013, 6);
  });

  it('Kinesis provisioned: 6 shared readers exceed 5 GetRecords calls/s per shard, so enhanced fan-out is priced', () => {
    const estimate = estimateKinesisProvisioned(workload({ consumers: 6, work: 'event' }), prices);
    expect(estimate.feasible).toBe(true);
    expect(estimate.lines.map((line) => line.priceId)).toContain('kinesis.enhancedFanOut.consumerShardHours');
  });

  it('Kinesis on-demand: stream-hours, GB in rounded to 1 KB, GB out per reader', () => {
    const estimate = estimateKinesisOnDemand(workload(), prices);
    const gbIn = (RECORDS * 3072) / 2 ** 30;
    const gbOut = (RECORDS * 3000) / 2 ** 30;
    expect(estimate.monthlyUsd).toBeCloseTo(730 * 0.04 + gbIn * 0.08 + gbOut * 0.04, 6);
  });

  it('Kinesis: strict order above one shard (1,000 records/s) is infeasible in both modes', () => {
    const strict = workload({ ordering: 'strict' });
    for (const estimate of [estimateKinesisOnDemand(strict, prices), estimateKinesisProvisioned(strict, prices)]) {
      expect(estimate.feasible).toBe(false);
      expect(estimate.why.join(' ')).toMatch(/strict global order caps throughput at one shard/);
    }
  });

  it('MSK Serverless: about USD 550 a month before any traffic (730 cluster-hours), plus one always-on Lambda event poller unit', () => {
    const idle = estimateMskServerless(workload({ ratePerSecond: 1e-9 }), prices);
    expect(idle.monthlyUsd).toBeCloseTo(730 * 0.75 + 730 * 0.0015 + 730 * 0.185, 2);
  });

  it('SQS options cannot replay; the reason says so', () => {
    const estimate = estimateSqsStandard(workload({ replaySeconds: 3_600, work: 'event' }), prices);
    expect(estimate.feasible).toBe(false);
    expect(estimate.why[0]).toMatch(/gone once deleted/);
  });
});
