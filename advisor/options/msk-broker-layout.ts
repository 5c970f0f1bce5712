/**
 * MSK provisioned layouts, smallest first: 2 or 3 brokers of a type (one per Availability Zone),
 * then multiples of 3. A layout carries a workload when its brokers take the peak ingress and its
 * partitions, replicas included, stay within the per-broker guidance.
 */
import { MSK_PROVISIONED, type MskBrokerType } from '../capacity-limits';
import { fmt } from '../option-estimate';
import { peakBytesPerSecond, type Workload } from '../workload';
import { kafkaPartitionsForConcurrency } from './consumer-concurrency';

export interface BrokerLayout {
  readonly type: MskBrokerType;
  readonly brokers: number;
  /** Replicas of each partition: one per broker up to 3. */
  readonly replicationFactor: number;
}

/** Every layout the advisor prices, from 2 x kafka.t3.small (the project's sandbox) to 30 x kafka.m7g.large. */
export function brokerLayouts(): BrokerLayout[] {
  const counts = [2, ...Array.from({ length: MSK_PROVISIONED.maxBrokers / 3 }, (_, index) => 3 * (index + 1))];
  return MSK_PROVISIONED.brokerTypes.flatMap((type) => counts.map((brokers) => ({ type, brokers, replicationFactor: Math.min(3, brokers) })));
}

/** Partitions the topic needs: at least one per broker, and one per concurrent record of work. */
export function layoutPartitions(workload: Workload, layout: BrokerLayout): number {
  return workload.ordering === 'strict' ? 1 : Math.max(layout.brokers, kafkaPartitionsForConcurrency(workload));
}

/** Why a layout cannot carry the workload (empty when it can). */
export function layoutShortfalls(workload: Workload, layout: BrokerLayout): string[] {
  const reasons: string[] = [];
  const peak = peakBytesPerSecond(workload);
  const ingress = layout.brokers * layout.type.assumedIngressBytesPerSecond;
  if (peak > ingress) reasons.push(`peak ingress ${fmt(peak)} B/s above ${layout.brokers} x ${fmt(layout.type.assumedIngressBytesPerSecond)} B/s`);
  const replicas = layoutPartitions(workload, layout) * layout.replicationFactor;
  if (replicas > layout.brokers * layout.type.maxPartitionsPerBroker) reasons.push(`${fmt(replicas)} partition replicas above ${layout.brokers} x ${layout.type.maxPartitionsPerBroker}`);
  return reasons;
}

export function describeLayout(layout: BrokerLayout): string {
  return `${layout.brokers} x ${layout.type.name} (replication factor ${layout.replicationFactor})`;
}
