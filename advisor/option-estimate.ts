/** The shape every option model returns, and the helper that turns a quantity into a priced line. */
import { priceOf, type PriceId, type PriceList } from './price-list';

export const OPTION_NAMES = [
  'sqs-standard',
  'sqs-fifo',
  'sns-sqs-fanout',
  'sns-sqs-fifo-fanout',
  'kinesis-on-demand',
  'kinesis-on-demand-advantage',
  'kinesis-provisioned',
  'msk-serverless',
  'msk-provisioned',
] as const;
export type OptionName = (typeof OPTION_NAMES)[number];

/** Queues give each unit of work to one worker, with per-message retry and dead-lettering; the rest are logs read by position. */
export const QUEUE_OPTIONS: readonly OptionName[] = ['sqs-standard', 'sqs-fifo', 'sns-sqs-fanout', 'sns-sqs-fifo-fanout'];

export function isQueue(option: OptionName): boolean {
  return QUEUE_OPTIONS.includes(option);
}

/** `fits`: meets every requirement; `cannot`: breaks one (why says which); `not-priced`: the model stops short of it (why says where). */
export type OptionStatus = 'fits' | 'cannot' | 'not-priced';

/** One line of a monthly bill: quantity × unit price, with the arithmetic that produced the quantity. */
export interface CostLine {
  /** What is billed ("shard-hours", "requests"). */
  readonly item: string;
  /** The quantity, in the unit the price is quoted in (million requests, GB, hours). */
  readonly quantity: number;
  readonly priceId: PriceId;
  readonly unitPrice: number;
  readonly usd: number;
  /** How the quantity was computed, in words and numbers. */
  readonly arithmetic: string;
}

export interface OptionEstimate {
  readonly option: OptionName;
  readonly monthlyUsd: number;
  /** Whether the option can meet every requirement of the workload (status `fits`). */
  readonly feasible: boolean;
  readonly status: OptionStatus;
  /** Why it is infeasible or not priced (the rules it breaks), or how it was sized when feasible. */
  readonly why: readonly string[];
  readonly lines: readonly CostLine[];
}

/** Bytes in a GB as AWS bills data volumes (2^30). */
export const BYTES_PER_GB = 1_073_741_824;

/** A priced line: `quantity` is already in the price's unit. */
export function costLine(prices: PriceList, priceId: PriceId, item: string, quantity: number, arithmetic: string): CostLine {
  const price = priceOf(prices, priceId);
  return { item, quantity, priceId, unitPrice: price.value, usd: quantity * price.value, arithmetic };
}

/**
 * The estimate's total: the sum of its lines. `notPricedBecause` names where the model stops
 * (a load beyond the layouts it prices): such an option is neither recommended nor called unable.
 */
export function estimate(option: OptionName, lines: readonly CostLine[], infeasibleBecause: readonly string[], sizing: readonly string[], notPricedBecause: readonly string[] = []): OptionEstimate {
  const monthlyUsd = lines.reduce((sum, line) => sum + line.usd, 0);
  const status: OptionStatus = infeasibleBecause.length > 0 ? 'cannot' : notPricedBecause.length > 0 ? 'not-priced' : 'fits';
  const why = status === 'fits' ? sizing : [...infeasibleBecause, ...notPricedBecause];
  return { option, monthlyUsd, feasible: status === 'fits', status, why, lines };
}

/** Compact number for explanations: 5256000000 → "5,256,000,000"; 0.123456 → "0.1235". */
export function fmt(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return value.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}
