/** Every option the advisor prices, in the order the output lists them. */
import type { OptionEstimate, OptionName } from '../option-estimate';
import type { PriceList } from '../price-list';
import type { Workload } from '../workload';
import { estimateKinesisOnDemand } from './kinesis-on-demand';
import { estimateKinesisOnDemandAdvantage } from './kinesis-on-demand-advantage';
import { estimateKinesisProvisioned } from './kinesis-provisioned';
import { estimateMskProvisioned } from './msk-provisioned';
import { estimateMskServerless } from './msk-serverless';
import { estimateSnsSqsFanout } from './sns-sqs-fanout';
import { estimateSnsSqsFifoFanout } from './sns-sqs-fifo-fanout';
import { estimateSqsFifo } from './sqs-fifo';
import { estimateSqsStandard } from './sqs-standard';

export const OPTION_MODELS: Readonly<Record<OptionName, (workload: Workload, prices: PriceList) => OptionEstimate>> = {
  'sqs-standard': estimateSqsStandard,
  'sqs-fifo': estimateSqsFifo,
  'sns-sqs-fanout': estimateSnsSqsFanout,
  'sns-sqs-fifo-fanout': estimateSnsSqsFifoFanout,
  'kinesis-on-demand': estimateKinesisOnDemand,
  'kinesis-on-demand-advantage': estimateKinesisOnDemandAdvantage,
  'kinesis-provisioned': estimateKinesisProvisioned,
  'msk-serverless': estimateMskServerless,
  'msk-provisioned': estimateMskProvisioned,
};

export function estimateAllOptions(workload: Workload, prices: PriceList): OptionEstimate[] {
  return Object.values(OPTION_MODELS).map((model) => model(workload, prices));
}
