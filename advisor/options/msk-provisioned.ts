/** Amazon MSK provisioned (Standard brokers): broker-hours plus broker storage, replication factor 3. */
import { HOURS_PER_MONTH, MSK_PROVISIONED } from '../capacity-limits';
import { BYTES_PER_GB, costLine, estimate, fmt, type OptionEstimate } from '../option-estimate';
import type { PriceList } from '../price-list';
import { keepSeconds, peakBytesPerSecond, type Workload } from '../workload';

/** Brokers for the peak ingress, in multiples of three (one per Availability Zone). */
export function provisionedBrokers(workload: Workload): number {
  const byIngress = Math.ceil(peakBytesPerSecond(workload) / MSK_PROVISIONED.assumedBrokerIngressBytesPerSecond);
  return Math.max(MSK_PROVISIONED.minBrokers, Math.ceil(byIngress / MSK_PROVISIONED.minBrokers) * MSK_PROVISIONED.minBrokers);
}

export function estimateMskProvisioned(workload: Workload, prices: PriceList): OptionEstimate {
  const brokers = provisionedBrokers(workload);
  const storedGb = (workload.ratePerSecond * workload.recordBytes * keepSeconds(workload) * MSK_PROVISIONED.replicationFactor) / BYTES_PER_GB;
  const infeasible: string[] = [];
  const peakIn = peakBytesPerSecond(workload);
  if (workload.recordBytes > MSK_PROVISIONED.defaultMaxMessageBytes) infeasible.push(`records of ${fmt(workload.recordBytes)} B: above Kafka's default message.max.bytes (1 MiB); raise it on the cluster and clients first`);
  if (workload.ordering === 'strict' && peakIn > MSK_PROVISIONED.assumedBrokerIngressBytesPerSecond) {
    infeasible.push(`strict global order caps throughput at one partition, led by one broker (assumed ${fmt(MSK_PROVISIONED.assumedBrokerIngressBytesPerSecond)} B/s): the peak is ${fmt(peakIn)} B/s`);
  }
  const lines = [
    costLine(prices, 'msk.provisioned.brokerHours.kafka.m7g.large', `broker-hours (${MSK_PROVISIONED.brokerType})`, brokers * HOURS_PER_MONTH, `${brokers} broker(s) x ${HOURS_PER_MONTH} h`),
    costLine(prices, 'msk.provisioned.storageGbMonths', 'broker storage (GB-month)', storedGb, `${fmt(workload.ratePerSecond * workload.recordBytes)} B/s x ${fmt(keepSeconds(workload))} s kept x ${MSK_PROVISIONED.replicationFactor} replicas`),
  ];
  return estimate('msk-provisioned', lines, infeasible, [
    `${brokers} x ${MSK_PROVISIONED.brokerType}, sized by an ASSUMED ${fmt(MSK_PROVISIONED.assumedBrokerIngressBytesPerSecond)} B/s of ingress per broker (not an AWS quota: load-test it)`,
  ]);
}
