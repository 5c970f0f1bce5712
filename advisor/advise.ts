/** From a workload to the whole answer: every option priced, the recommendation, and the evidence behind the prices used. */
import { estimateAllOptions } from './options/all-options';
import type { OptionEstimate } from './option-estimate';
import { EVIDENCE_KINDS, type EvidenceKind, type PriceList } from './price-list';
import { recommend, type Recommendation } from './recommend';
import type { Workload } from './workload';

export interface Advice {
  readonly workload: Workload;
  readonly recommendation: Recommendation;
  readonly options: readonly OptionEstimate[];
  readonly prices: {
    readonly region: string;
    readonly checkedOn: string;
    /** How many of the prices used rest on each kind of evidence. */
    readonly evidence: Readonly<Record<EvidenceKind, number>>;
  };
}

export function advise(workload: Workload, prices: PriceList): Advice {
  const options = estimateAllOptions(workload, prices);
  const used = [...new Set(options.flatMap((option) => option.lines.map((line) => line.priceId)))];
  const evidence = Object.fromEntries(EVIDENCE_KINDS.map((kind) => [kind, used.filter((id) => prices.prices[id]?.evidence === kind).length])) as Record<EvidenceKind, number>;
  return {
    workload,
    recommendation: recommend(workload, options),
    options,
    prices: { region: prices.region, checkedOn: prices.checkedOn, evidence },
  };
}
