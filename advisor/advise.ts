/** From a workload to the whole answer: every option priced, the recommendation, and the prices' status. */
import { estimateAllOptions } from './options/all-options';
import type { OptionEstimate } from './option-estimate';
import type { PriceList } from './price-list';
import { recommend, type Recommendation } from './recommend';
import type { Workload } from './workload';

export interface Advice {
  readonly workload: Workload;
  readonly recommendation: Recommendation;
  readonly options: readonly OptionEstimate[];
  readonly prices: {
    readonly region: string;
    readonly checkedOn: string;
    /** Ids of the prices used that could not be confirmed on AWS's pages. */
    readonly unconfirmed: readonly string[];
  };
}

export function advise(workload: Workload, prices: PriceList): Advice {
  const options = estimateAllOptions(workload, prices);
  const used = new Set(options.flatMap((option) => option.lines.map((line) => line.priceId)));
  const unconfirmed = [...used].filter((id) => prices.prices[id]?.confirmed !== true).sort();
  return {
    workload,
    recommendation: recommend(workload, options),
    options,
    prices: { region: prices.region, checkedOn: prices.checkedOn, unconfirmed },
  };
}
