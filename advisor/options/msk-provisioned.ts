/**
 * Amazon MSK provisioned (Standard brokers): the cheapest broker layout that carries the peak,
 * billed per broker-hour plus provisioned broker storage, with the Lambda consumers' poller units.
 */
import { HOURS_PER_MONTH, MSK_PROVISIONED } from '../capacity-limits';
import { BYTES_PER_GB, costLine, estimate, fmt, type CostLine, type OptionEstimate } from '../option-estimate';
import type { PriceId, PriceList } from '../price-list';
import { keepSeconds, peakBytesPerSecond, type Workload } from '../workload';
import { strictOrderConcurrencyViolation, workersNeeded } from './consumer-concurrency';
import { eventPollerLines } from './kafka-event-pollers';
import { brokerLayouts, describeLayout, layoutPartitions, layoutShortfalls, type BrokerLayout } from './msk-broker-layout';

/** Broker storage the workload fills per broker: records kept x replicas, spread over the brokers (at least 1 GiB, MSK's smallest volume). */
export function volumeGiBPerBroker(workload: Workload, layout: BrokerLayout): number {
  const storedGb = (workload.ratePerSecond * workload.recordBytes * keepSeconds(workload) * layout.replicationFactor) / BYTES_PER_GB;
  return Math.max(1, storedGb / layout.brokers);
}

/** The cluster's own bill: broker-hours and provisioned storage (MSK bills the volume, used or not). */
export function mskClusterLines(prices: PriceList, layout: BrokerLayout, volumeGiB: number): CostLine[] {
  const brokerPrice: PriceId = `msk.provisioned.brokerHours.${layout.type.name}`;
  return [
    costLine(prices, brokerPrice, `broker-hours (${layout.type.name})`, layout.brokers * HOURS_PER_MONTH, `${layout.brokers} broker(s) x ${HOURS_PER_MONTH} h`),
    costLine(prices, 'msk.provisioned.storageGbMonths', 'broker storage (GB-month)', layout.brokers * volumeGiB, `${layout.brokers} broker(s) x ${fmt(volumeGiB)} GiB provisioned each`),
  ];
}

function layoutLines(workload: Workload, prices: PriceList, layout: BrokerLayout): CostLine[] {
  return [...mskClusterLines(prices, layout, volumeGiBPerBroker(workload, layout)), ...eventPollerLines(workload, prices, layoutPartitions(workload, layout))];
}

const total = (lines: readonly CostLine[]): number => lines.reduce((sum, line) => sum + line.usd, 0);

/** The cheapest layout that carries the workload, or the largest one priced when none does. */
export function chooseLayout(workload: Workload, prices: PriceList): { readonly layout: BrokerLayout; readonly carries: boolean } {
  const layouts = brokerLayouts();
  const carrying = layouts.filter((layout) => layoutShortfalls(workload, layout).length === 0);
  if (carrying.length === 0) return { layout: layouts[layouts.length - 1] as BrokerLayout, carries: false };
  const priced = carrying.map((layout) => ({ layout, usd: total(layoutLines(workload, prices, layout)) }));
  const best = priced.reduce((a, b) => (b.usd < a.usd ? b : a));
  return { layout: best.layout, carries: true };
}

function requirementViolations(workload: Workload, layout: BrokerLayout): string[] {
  const reasons = strictOrderConcurrencyViolation(workload);
  if (workload.recordBytes > MSK_PROVISIONED.defaultMaxMessageBytes) reasons.push(`records of ${fmt(workload.recordBytes)} B: above Kafka's default message.max.bytes (1 MiB); raise it on the cluster and clients first`);
  const perBroker = layout.type.assumedIngressBytesPerSecond;
  if (workload.ordering === 'strict' && peakBytesPerSecond(workload) > perBroker) {
    reasons.push(`strict global order caps throughput at one partition, led by one broker (assumed ${fmt(perBroker)} B/s on ${layout.type.name}): the peak is ${fmt(peakBytesPerSecond(workload))} B/s`);
  }
  return reasons;
}

export function estimateMskProvisioned(workload: Workload, prices: PriceList): OptionEstimate {
  const { layout, carries } = chooseLayout(workload, prices);
  const partitions = layoutPartitions(workload, layout);
  const notPriced = carries ? [] : [`the load needs more than ${describeLayout(layout)}, the largest layout priced here (${layoutShortfalls(workload, layout).join('; ')})`];
  const sizing = [
    `${describeLayout(layout)}: the cheapest layout that carries the peak, at an ASSUMED ${fmt(layout.type.assumedIngressBytesPerSecond)} B/s of ingress per broker (not an AWS quota: load-test it)${layout.type.name === 'kafka.t3.small' ? '; kafka.t3.small is burstable, sized for development and light load' : ''}`,
    `${partitions} partition(s)${workersNeeded(workload) > 0 ? `: one group member or Lambda invocation per partition for ${fmt(workersNeeded(workload))} records in progress at once` : ''}`,
  ];
  return estimate('msk-provisioned', layoutLines(workload, prices, layout), requirementViolations(workload, layout), sizing, notPriced);
}
