/**
 * Golden tests against bills AWS itself published in its solution implementation guides, run
 * through the advisor's own models. Where AWS states its inputs fully the bill is reproduced to
 * the cent (or to the dollar it prints); where it does not, the advisor's range must contain it.
 */
import { costLine, type OptionEstimate } from '../../../advisor/option-estimate';
import { estimateKinesisOnDemand } from '../../../advisor/options/kinesis-on-demand';
import { estimateKinesisProvisioned, kinesisProvisionedLines } from '../../../advisor/options/kinesis-provisioned';
import { loadUsEast1Prices } from '../../../advisor/price-list';
import { workload } from './workload-factory';

const prices = loadUsEast1Prices();
const total = (lines: readonly { readonly usd: number }[]): number => lines.reduce((sum, line) => sum + line.usd, 0);
const lineUsd = (estimate: OptionEstimate, priceId: string): number => estimate.lines.filter((line) => line.priceId === priceId).reduce((sum, line) => sum + line.usd, 0);

// Clickstream Analytics on AWS, implementation guide, "Cost", Ingestion module (us-east-1, On-Demand
// prices): https://docs.aws.amazon.com/solutions/latest/clickstream-analytics-on-aws/cost.html
// (source: github.com/awslabs/clickstream-analytics-on-aws, docs/en/plan-deployment/cost.md).
// "Request payload: 1KB … KDS configuration (on-demand, provision - shard 2) … 10/100/1000RPS":
//   10RPS   Kinesis (On-Demand) $36   Kinesis (Provisioned 2 shard) $22
//   100RPS  Kinesis (On-demand) $86   Kinesis (Provisioned 2 shard) $26
//   1000RPS Kinesis (On-demand) $576  Kinesis (Provisioned 10 shard) $146
describe('Clickstream Analytics on AWS: Kinesis buffer cost per month (AWS-authored)', () => {
  it.each([
    [10, 2, 22],
    [100, 2, 26],
    [1_000, 10, 146],
  ])('provisioned, %d requests/s of 1 KB on %d shards: USD %d, to the dollar', (rate, shards, usd) => {
    const bill = kinesisProvisionedLines(workload({ ratePerSecond: rate, recordBytes: 1_024, consumers: 1, work: 'event' }), prices, shards);
    expect(Math.round(total(bill))).toBe(usd);
  });

  // The guide does not say how many applications read the stream, so the figure is checked as a
  // range: between the advisor's bill for 1 shared reader and for 5 (the most shared readers a stream serves).
  it.each([
    [10, 36],
    [100, 86],
    [1_000, 576],
  ])('on-demand, %d requests/s of 1 KB: USD %d lies between 1 and 5 shared readers', (rate, usd) => {
    const oneReader = estimateKinesisOnDemand(workload({ ratePerSecond: rate, recordBytes: 1_024, consumers: 1, work: 'event' }), prices).monthlyUsd;
    const fiveReaders = estimateKinesisOnDemand(workload({ ratePerSecond: rate, recordBytes: 1_024, consumers: 5, work: 'event' }), prices).monthlyUsd;
    expect(oneReader).toBeLessThanOrEqual(usd + 0.5);
    expect(fiveReaders).toBeGreaterThanOrEqual(usd - 0.5);
  });
});

// AWS CloudFront Extensions, implementation guide, "Cost", Real time monitoring with Amazon Kinesis
// (github.com/awslabs/aws-cloudfront-extensions, docs/en/cost.md; us-east-1, August 2022):
//   "Amazon Kinesis Data Stream | 1 shard<br>60 records(2KB)/second<br>168 hours data retention | $27.76"
describe('AWS CloudFront Extensions: one shard with 7-day retention (AWS-authored)', () => {
  const example = workload({ ratePerSecond: 60, recordBytes: 2 * 1_024, consumers: 1, work: 'event', retentionSeconds: 168 * 3_600 });
  const bill = estimateKinesisProvisioned(example, prices);

  it('sizes one shard and bills shard-hours, PUT payload units and extended retention: 10.95 + 2.21 + 14.60 = USD 27.76', () => {
    expect(lineUsd(bill, 'kinesis.provisioned.shardHours')).toBeCloseTo(10.95, 2);
    expect(lineUsd(bill, 'kinesis.provisioned.putPayloadUnits')).toBeCloseTo(60 * 2_628_000 * 0.014 / 1e6, 9);
    expect(lineUsd(bill, 'kinesis.provisioned.extendedRetentionShardHours')).toBeCloseTo(14.6, 2);
    expect(Math.round(bill.monthlyUsd * 100) / 100).toBe(27.76);
  });
});

// Automated Security Response on AWS, implementation guide, "Cost" (us-east-1):
// https://docs.aws.amazon.com/solutions/latest/automated-security-response-on-aws/cost.html
// Its sample cost table prices "Amazon SQS | … | $0.40 per 1 million to 100 billion requests
// thereafter" and "Amazon SNS | … | $0.50 per 1 million requests thereafter". Its monthly examples
// state the request counts, so each line is reproduced to the cent through the advisor's cost line:
//   Example 1: "Amazon SQS | $0.40 * 1,000,000 requests = $0.40"
//   Example 4: "Amazon SQS | $0.40 * (5,060,000 requests / 1,000,000 ) = $2.024"
//   Example 1: "Amazon SNS | $0.50 * (600 / 1,000,000 notifications) = $0.0003"
//   Example 3: "Amazon SNS | $0.50 * 1,000,000 notifications = $0.50"
describe('Automated Security Response on AWS: SQS and SNS request lines (AWS-authored)', () => {
  const cents = (usd: number): number => Math.round(usd * 100) / 100;

  it.each([
    [1_000_000, 0.4],
    [5_060_000, 2.02],
  ])('SQS standard, %d requests: USD %d, to the cent', (requests, usd) => {
    const line = costLine(prices, 'sqs.standard.requests', 'requests (million)', requests / 1e6, 'as the guide counts them');
    expect(cents(line.usd)).toBe(usd);
  });

  it('SQS standard, 5,060,000 requests: the guide\'s unrounded USD 2.024 as well', () => {
    expect(costLine(prices, 'sqs.standard.requests', 'requests (million)', 5.06, 'as the guide counts them').usd).toBeCloseTo(2.024, 9);
  });

  it.each([
    [600, 0.0003],
    [1_000_000, 0.5],
  ])('SNS standard, %d publish requests: USD %d as the guide prints it', (requests, usd) => {
    const line = costLine(prices, 'sns.standard.publishes', 'SNS publish requests (million)', requests / 1e6, 'as the guide counts them');
    expect(line.usd).toBeCloseTo(usd, 9);
  });
});
