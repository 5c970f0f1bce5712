/**
 * The chart marks the crossovers the model has: each marked rate is where the cheapest option that
 * meets every requirement changes from data-from to data-to, checked against the model itself
 * just below and just above the mark, and no change of the cheapest option goes unmarked.
 */
import { renderChartSvg } from '../../../advisor/chart-svg';
import { chartRange, cheapestAt, costCurves, findCrossovers, logRange } from '../../../advisor/crossovers';
import { loadUsEast1Prices } from '../../../advisor/price-list';
import { workload } from './workload-factory';

const prices = loadUsEast1Prices();

interface MarkedCrossover {
  readonly rate: number;
  readonly from: string;
  readonly to: string;
}

function markedCrossovers(svg: string): MarkedCrossover[] {
  return [...svg.matchAll(/<g class="crossover" data-rate="([^"]+)" data-from="([^"]*)" data-to="([^"]*)">/g)].map(([, rate = '', from = '', to = '']) => ({ rate: Number(rate), from, to }));
}

function chartFor(w: ReturnType<typeof workload>): string {
  const { low, high } = chartRange(w);
  const rates = logRange(low, high, 61);
  return renderChartSvg({ title: 'test', workloadRate: w.ratePerSecond, points: costCurves(w, prices, rates), crossovers: findCrossovers(w, prices, rates) });
}

describe('cost chart', () => {
  // 1 KB tasks at 100/s: SQS is cheaper at low rates, a provisioned shard above a few dozen records/s.
  const w = workload({ ratePerSecond: 100, recordBytes: 1_000 });
  const svg = chartFor(w);
  const marked = markedCrossovers(svg);

  it('marks at least one crossover for a workload whose cheapest option changes in range', () => {
    expect(marked.length).toBeGreaterThan(0);
    expect(marked[0]).toMatchObject({ from: 'sqs-standard', to: 'kinesis-provisioned' });
  });

  it('puts each mark where the model changes its cheapest option', () => {
    for (const crossover of marked) {
      expect(cheapestAt(w, prices, crossover.rate * 0.999).option).toBe(crossover.from);
      expect(cheapestAt(w, prices, crossover.rate * 1.001).option).toBe(crossover.to);
    }
  });

  it('leaves no change of the cheapest option unmarked (dense sampling of the model)', () => {
    const { low, high } = chartRange(w);
    const dense = logRange(low, high, 1_500).map((rate) => cheapestAt(w, prices, rate).option);
    const changes = dense.filter((option, index) => index > 0 && option !== dense[index - 1]).length;
    expect(marked).toHaveLength(changes);
  });

  it('labels every option in the legend and draws the workload rate', () => {
    for (const option of ['sqs-standard', 'kinesis-provisioned', 'msk-serverless']) expect(svg).toContain(`>${option}`);
    expect(svg).toContain('your rate: 100/s');
  });

  it('greys out options that cannot meet the requirements anywhere in range', () => {
    const replayed = chartFor(workload({ consumers: 3, work: 'event', replaySeconds: 86_400 }));
    expect(replayed).toContain('sqs-standard (cannot meet)');
    expect(replayed).not.toContain('kinesis-provisioned (cannot meet)');
  });
});
