/** The reference figures other parts of the project quote, checked against hand arithmetic from the price file. */
import { loadUsEast1Prices, type PriceList } from '../../../advisor/price-list';
import { referenceCosts } from '../../../advisor/reference-costs';

const prices = loadUsEast1Prices();

describe('referenceCosts', () => {
  const figures = referenceCosts();

  it('prices the Kafka stack sandbox: 2 x kafka.t3.small x 730 h x 0.0456 + 2 x 10 GiB x 0.10 = USD 68.58', () => {
    expect(figures['msk-provisioned-sandbox'].monthlyUsd).toBeCloseTo(2 * 730 * 0.0456 + 20 * 0.1, 6);
    expect(figures['msk-provisioned-sandbox'].assumptions).toMatch(/2 brokers x 730 h, 10 GiB/);
  });

  it('prices MSK Serverless before traffic at 730 cluster-hours (USD 547.50), plus any partitions asked for', () => {
    expect(figures['msk-serverless-baseline'].monthlyUsd).toBeCloseTo(547.5, 6);
    expect(referenceCosts(prices, 13)['msk-serverless-baseline'].monthlyUsd).toBeCloseTo(547.5 + 13 * 730 * 0.0015, 6);
  });

  it('prices one event poller unit (USD 135.05), one on-demand stream (USD 29.20) and one shard (USD 10.95)', () => {
    expect(figures['kafka-event-poller-unit'].monthlyUsd).toBeCloseTo(730 * 0.185, 6);
    expect(figures['kinesis-on-demand-stream'].monthlyUsd).toBeCloseTo(29.2, 6);
    expect(figures['kinesis-provisioned-shard'].monthlyUsd).toBeCloseTo(10.95, 6);
  });

  it('follows the price list it is given', () => {
    const doubled: PriceList = { ...prices, prices: Object.fromEntries(Object.entries(prices.prices).map(([id, price]) => [id, { ...price, value: price.value * 2 }])) };
    expect(referenceCosts(doubled)['msk-provisioned-sandbox'].monthlyUsd).toBeCloseTo(2 * figures['msk-provisioned-sandbox'].monthlyUsd, 6);
  });
});
