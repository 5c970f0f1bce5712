/**
 * The named monthly figures other parts of the project quote (README tables, synth warnings,
 * scripts), computed by the advisor's own models so no figure is typed twice.
 */
import { HOURS_PER_MONTH, MSK_PROVISIONED } from './capacity-limits';
import { costLine, type CostLine } from './option-estimate';
import { mskClusterLines } from './options/msk-provisioned';
import { loadUsEast1Prices, type PriceList } from './price-list';

export type ReferenceCostId = 'msk-provisioned-sandbox' | 'msk-serverless-baseline' | 'kafka-event-poller-unit' | 'kinesis-on-demand-stream' | 'kinesis-provisioned-shard';

export interface ReferenceCost {
  readonly id: ReferenceCostId;
  /** What the figure is, as a sentence can quote it. */
  readonly label: string;
  /** Monthly USD (730 h), unrounded: round where it is shown. */
  readonly monthlyUsd: number;
  /** The workload and layout the figure assumes. */
  readonly assumptions: string;
  readonly lines: readonly CostLine[];
}

function reference(id: ReferenceCostId, label: string, assumptions: string, lines: readonly CostLine[]): ReferenceCost {
  return { id, label, assumptions, lines, monthlyUsd: lines.reduce((sum, line) => sum + line.usd, 0) };
}

/**
 * The project's reference monthly costs in the price list's region (us-east-1 by default), before
 * any traffic:
 * - `msk-provisioned-sandbox`: the Kafka stack's cluster, 2 x kafka.t3.small with 10 GiB each;
 * - `msk-serverless-baseline`: an MSK Serverless cluster with `serverlessPartitions` partitions;
 * - `kafka-event-poller-unit`: one always-on Event Poller Unit of a provisioned-mode Kafka event source;
 * - `kinesis-on-demand-stream`: the per-stream charge of one on-demand Standard stream;
 * - `kinesis-provisioned-shard`: one provisioned shard.
 *
 * @param prices the price list to use. @default the shipped us-east-1 list
 * @param serverlessPartitions partitions counted in the MSK Serverless baseline. @default 0 (the cluster alone)
 * @returns the figures by id, each with its label, assumptions and priced lines
 */
export function referenceCosts(prices: PriceList = loadUsEast1Prices(), serverlessPartitions = 0): Readonly<Record<ReferenceCostId, ReferenceCost>> {
  const t3 = MSK_PROVISIONED.brokerTypes.find((type) => type.name === 'kafka.t3.small');
  if (t3 === undefined) throw new Error('advisor/capacity-limits.ts lacks kafka.t3.small');
  const sandbox = { type: t3, brokers: 2, replicationFactor: 2 };
  const month = `${HOURS_PER_MONTH} h`;
  return {
    'msk-provisioned-sandbox': reference('msk-provisioned-sandbox', 'MSK provisioned sandbox cluster (2 x kafka.t3.small)', `${prices.region}, 2 brokers x ${month}, ${MSK_PROVISIONED.sandboxVolumeGiB} GiB of storage each, before traffic and data transfer`, mskClusterLines(prices, sandbox, MSK_PROVISIONED.sandboxVolumeGiB)),
    'msk-serverless-baseline': reference('msk-serverless-baseline', 'MSK Serverless cluster before traffic', `${prices.region}, 1 cluster x ${month}, ${serverlessPartitions} partition(s), no data in, out or stored`, [
      costLine(prices, 'msk.serverless.clusterHours', 'cluster-hours', HOURS_PER_MONTH, `1 cluster x ${month}`),
      costLine(prices, 'msk.serverless.partitionHours', 'partition-hours', serverlessPartitions * HOURS_PER_MONTH, `${serverlessPartitions} partition(s) x ${month}`),
    ]),
    'kafka-event-poller-unit': reference('kafka-event-poller-unit', 'one Event Poller Unit of a Lambda Kafka event source in provisioned mode', `${prices.region}, 1 EPU (up to 10 pollers) always on x ${month}`, [
      costLine(prices, 'lambda.kafka.eventPollerUnitHours', 'EPU-hours', HOURS_PER_MONTH, `1 EPU x ${month}`),
    ]),
    'kinesis-on-demand-stream': reference('kinesis-on-demand-stream', 'one Kinesis on-demand (Standard) stream before traffic', `${prices.region}, 1 stream x ${month}, no data in or out`, [
      costLine(prices, 'kinesis.onDemand.streamHours', 'stream-hours', HOURS_PER_MONTH, `1 stream x ${month}`),
    ]),
    'kinesis-provisioned-shard': reference('kinesis-provisioned-shard', 'one Kinesis provisioned shard', `${prices.region}, 1 shard x ${month}, 24 h retention, no PUT payload units`, [
      costLine(prices, 'kinesis.provisioned.shardHours', 'shard-hours', HOURS_PER_MONTH, `1 shard x ${month}`),
    ]),
  };
}
