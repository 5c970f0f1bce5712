/** Amazon MSK Serverless: billed per cluster-hour and partition-hour, and per GB in, out and stored. */
import { HOURS_PER_MONTH, MSK_SERVERLESS, SECONDS_PER_MONTH } from '../capacity-limits';
import { BYTES_PER_GB, costLine, estimate, fmt, type OptionEstimate } from '../option-estimate';
import type { PriceList } from '../price-list';
import { keepSeconds, peakBytesPerSecond, type Workload } from '../workload';
import { kafkaPartitionsForConcurrency, strictOrderConcurrencyViolation, workersNeeded } from './consumer-concurrency';
import { eventPollerLines } from './kafka-event-pollers';

/** Partitions for the peak (5 MiB/s in and 10 MiB/s out each) and for the consumers' work (one member per partition); one for strict order. */
export function serverlessPartitions(workload: Workload): number {
  if (workload.ordering === 'strict') return 1;
  const byIngress = Math.ceil(peakBytesPerSecond(workload) / MSK_SERVERLESS.partitionIngressBytesPerSecond);
  const byEgress = Math.ceil((peakBytesPerSecond(workload) * workload.consumers) / MSK_SERVERLESS.partitionEgressBytesPerSecond);
  return Math.max(1, byIngress, byEgress, kafkaPartitionsForConcurrency(workload));
}

export function estimateMskServerless(workload: Workload, prices: PriceList): OptionEstimate {
  const bytesPerMonth = workload.ratePerSecond * workload.recordBytes * SECONDS_PER_MONTH;
  const partitions = serverlessPartitions(workload);
  const storedGb = (workload.ratePerSecond * workload.recordBytes * keepSeconds(workload)) / BYTES_PER_GB;
  const infeasible = strictOrderConcurrencyViolation(workload);
  const peakIn = peakBytesPerSecond(workload);
  const peakOut = peakIn * workload.consumers;
  if (workload.recordBytes > MSK_SERVERLESS.maxMessageBytes) infeasible.push(`records of ${fmt(workload.recordBytes)} B: MSK Serverless messages are at most 8 MiB`);
  if (peakIn > MSK_SERVERLESS.maxIngressBytesPerSecond) infeasible.push(`peak ingress of ${fmt(peakIn)} B/s exceeds MSK Serverless's 200 MiB/s per cluster`);
  if (peakOut > MSK_SERVERLESS.maxEgressBytesPerSecond) infeasible.push(`peak egress of ${fmt(peakOut)} B/s (${workload.consumers} consumer group(s)) exceeds MSK Serverless's 400 MiB/s per cluster`);
  if (partitions > MSK_SERVERLESS.maxPartitions) infeasible.push(`${partitions} partitions needed: MSK Serverless allows 2,400 per cluster`);
  if (workload.ordering === 'strict' && (peakIn > MSK_SERVERLESS.partitionIngressBytesPerSecond || peakOut > MSK_SERVERLESS.partitionEgressBytesPerSecond)) {
    infeasible.push(`strict global order caps throughput at one partition (5 MiB/s in, 10 MiB/s out): the peak is ${fmt(peakIn)} B/s in, ${fmt(peakOut)} B/s out`);
  }
  const lines = [
    costLine(prices, 'msk.serverless.clusterHours', 'cluster-hours', HOURS_PER_MONTH, `1 cluster x ${HOURS_PER_MONTH} h`),
    costLine(prices, 'msk.serverless.partitionHours', 'partition-hours', partitions * HOURS_PER_MONTH, `${partitions} partition(s) x ${HOURS_PER_MONTH} h`),
    costLine(prices, 'msk.serverless.dataInGb', 'GB in', bytesPerMonth / BYTES_PER_GB, `${fmt(workload.ratePerSecond)} rec/s x ${fmt(workload.recordBytes)} B x ${fmt(SECONDS_PER_MONTH)} s`),
    costLine(prices, 'msk.serverless.dataOutGb', 'GB out', (bytesPerMonth * workload.consumers) / BYTES_PER_GB, `GB in x ${workload.consumers} consumer group(s)`),
    costLine(prices, 'msk.serverless.storageGbMonths', 'storage (GB-month)', storedGb, `${fmt(workload.ratePerSecond * workload.recordBytes)} B/s x ${fmt(keepSeconds(workload))} s kept`),
    ...eventPollerLines(workload, prices, partitions),
  ];
  const work = workersNeeded(workload) > 0 ? [`consumers: ${fmt(workersNeeded(workload))} records in progress at once need as many partitions (one group member or Lambda invocation per partition)`] : [];
  return estimate('msk-serverless', lines, infeasible, [`${partitions} partition(s): 5 MiB/s in and 10 MiB/s out each; one consumer group per independent consumer, competing members within a group`, ...work]);
}
