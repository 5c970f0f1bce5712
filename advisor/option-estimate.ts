/** The shape every option model returns, and the helper that turns a quantity into a priced line. */
import { priceOf, type PriceId, type PriceList } from './price-list';

export const OPTION_NAMES = [
  'sqs-standard',
  'sqs-fifo',
  'sns-sqs-fanout',
  'kinesis-on-demand',
  'kinesis-provisioned',
  'msk-serverless',
  'msk-provisioned',
] as const;
export type OptionName = (typeof OPTION_NAMES)[number];

/** One line of a monthly bill: quantity × unit price, with the arithmetic that produced the quantity. */
export interface CostLine {
  /** What is billed ("shard-hours", "requests"). */
  readonly item: string;
  /** The quantity, in the unit the price is quoted in (million requests, GB, hours). */
  readonly quantity: number;
  readonly priceId: PriceId;
  readonly unitPrice: number;
  readonly priceConfirmed: boolean;
  readonly usd: number;
  /** How the quantity was computed, in words and numbers. */
  readonly arithmetic: string;
}

export interface OptionEstimate {
  readonly option: OptionName;
  readonly monthlyUsd: number;
  /** Whether the option can meet every requirement of the workload. */
  readonly feasible: boolean;
  /** Why it is infeasible (the rules it breaks), or how it was sized when feasible. */
  readonly why: readonly string[];
  readonly lines: readonly CostLine[];
}

/** Bytes in a GB as AWS bills data volumes (2^30). */
export const BYTES_PER_GB = 1_073_741_824;

/** A priced line: `quantity` is already in the price's unit. */
export function costLine(prices: PriceList, priceId: PriceId, item: string, quantity: number, arithmetic: string): CostLine {
  const price = priceOf(prices, priceId);
  return { item, quantity, priceId, unitPrice: price.value, priceConfirmed: price.confirmed, usd: quantity * price.value, arithmetic };
}

/** The estimate's total: the sum of its lines. */
export function estimate(option: OptionName, lines: readonly CostLine[], infeasibleBecause: readonly string[], sizing: readonly string[]): OptionEstimate {
  const monthlyUsd = lines.reduce((sum, line) => sum + line.usd, 0);
  const feasible = infeasibleBecause.length === 0;
  return { option, monthlyUsd, feasible, why: feasible ? sizing : infeasibleBecause, lines };
}

/** Compact number for explanations: 5256000000 → "5,256,000,000"; 0.123456 → "0.1235". */
export function fmt(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return value.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}
