/**
 * Monthly cost of each option across a range of rates around the workload, and the crossovers:
 * the rates where the cheapest option that meets every requirement changes.
 */
import { advise } from './advise';
import type { OptionName } from './option-estimate';
import type { PriceList } from './price-list';
import type { Workload } from './workload';

export interface CostCurvePoint {
  readonly ratePerSecond: number;
  /** Monthly USD per option; null where the option cannot meet the requirements at that rate. */
  readonly usd: Readonly<Partial<Record<OptionName, number | null>>>;
}

export interface Crossover {
  /** The rate (records/s) where `to` becomes the cheapest option that meets every requirement. */
  readonly ratePerSecond: number;
  readonly from: OptionName | null;
  readonly to: OptionName | null;
  /** Monthly USD of `to` just above the crossover. */
  readonly usd: number | null;
}

/** The cheapest option that meets every requirement at `ratePerSecond` (same workload otherwise). */
export function cheapestAt(workload: Workload, prices: PriceList, ratePerSecond: number): { readonly option: OptionName | null; readonly usd: number | null } {
  const { recommendation } = advise({ ...workload, ratePerSecond }, prices);
  return { option: recommendation.option, usd: recommendation.monthlyUsd };
}

/** `count` rates spaced evenly on a log scale from `low` to `high`. */
export function logRange(low: number, high: number, count: number): number[] {
  const step = Math.log(high / low) / (count - 1);
  return Array.from({ length: count }, (_, index) => low * Math.exp(step * index));
}

/** A tenth to ten times the workload's rate: the range the chart shows. */
export function chartRange(workload: Workload): { readonly low: number; readonly high: number } {
  return { low: workload.ratePerSecond / 10, high: workload.ratePerSecond * 10 };
}

export function costCurves(workload: Workload, prices: PriceList, rates: readonly number[]): CostCurvePoint[] {
  return rates.map((ratePerSecond) => {
    const { options } = advise({ ...workload, ratePerSecond }, prices);
    return { ratePerSecond, usd: Object.fromEntries(options.map((option) => [option.option, option.feasible ? option.monthlyUsd : null])) };
  });
}

/** Finds every change of the cheapest option between samples, then narrows it down by bisection (on a log scale). */
export function findCrossovers(workload: Workload, prices: PriceList, rates: readonly number[]): Crossover[] {
  const crossovers: Crossover[] = [];
  for (let index = 1; index < rates.length; index += 1) {
    let low = rates[index - 1] as number;
    let high = rates[index] as number;
    const before = cheapestAt(workload, prices, low).option;
    if (cheapestAt(workload, prices, high).option === before) continue;
    // 30 halvings of the log interval: far below a pixel, and cheap.
    for (let step = 0; step < 30; step += 1) {
      const middle = Math.sqrt(low * high);
      if (cheapestAt(workload, prices, middle).option === before) low = middle;
      else high = middle;
    }
    const after = cheapestAt(workload, prices, high);
    crossovers.push({ ratePerSecond: high, from: before, to: after.option, usd: after.usd });
  }
  return crossovers;
}
