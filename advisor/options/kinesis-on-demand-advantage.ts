/** Kinesis Data Streams, On-demand Advantage: no per-stream charge, lower per-GB prices, an account-level commitment. */
import type { OptionEstimate } from '../option-estimate';
import type { PriceList } from '../price-list';
import type { Workload } from '../workload';
import { estimateKinesisOnDemandMode } from './kinesis-on-demand-model';

export function estimateKinesisOnDemandAdvantage(workload: Workload, prices: PriceList): OptionEstimate {
  return estimateKinesisOnDemandMode('advantage', workload, prices);
}
