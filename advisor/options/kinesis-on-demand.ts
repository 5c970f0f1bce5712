/** Kinesis Data Streams, on-demand Standard: billed per stream-hour and per GB in and out. */
import type { OptionEstimate } from '../option-estimate';
import type { PriceList } from '../price-list';
import type { Workload } from '../workload';
import { estimateKinesisOnDemandMode } from './kinesis-on-demand-model';

export { onDemandBilledBytes } from './kinesis-on-demand-model';

export function estimateKinesisOnDemand(workload: Workload, prices: PriceList): OptionEstimate {
  return estimateKinesisOnDemandMode('standard', workload, prices);
}
