/**
 * The Lambda Kafka event source in provisioned poller mode, which the project's Kafka consumer runs
 * in (Lambda offers retries, bisect and on-failure destinations for Kafka only in that mode). Its
 * Event Poller Units are billed every hour, records or not: the largest fixed cost after the brokers.
 */
import { HOURS_PER_MONTH, KAFKA_EVENT_SOURCE } from '../capacity-limits';
import { costLine, fmt, type CostLine } from '../option-estimate';
import type { PriceList } from '../price-list';
import { peakBytesPerSecond, type Workload } from '../workload';
import { workersNeeded } from './consumer-concurrency';

/** Pollers one consumer's mapping needs: 5 MB/s or 5 concurrent invocations each, at most one per partition. */
export function pollersPerConsumer(workload: Workload, partitions: number): number {
  const byBytes = Math.ceil(peakBytesPerSecond(workload) / KAFKA_EVENT_SOURCE.pollerBytesPerSecond);
  const byWork = Math.ceil(workersNeeded(workload) / KAFKA_EVENT_SOURCE.pollerConcurrentInvocations);
  return Math.max(1, Math.min(partitions, Math.max(byBytes, byWork)));
}

/** Event Poller Units for every consumer's mapping, sharing units through a poller group (up to 10 pollers per unit). */
export function eventPollerUnits(workload: Workload, partitions: number): number {
  return Math.ceil((workload.consumers * pollersPerConsumer(workload, partitions)) / KAFKA_EVENT_SOURCE.pollersPerEpu);
}

export function eventPollerLines(workload: Workload, prices: PriceList, partitions: number): CostLine[] {
  const pollers = pollersPerConsumer(workload, partitions);
  const units = eventPollerUnits(workload, partitions);
  return [
    costLine(prices, 'lambda.kafka.eventPollerUnitHours', 'Lambda Kafka event source, provisioned pollers (EPU-hours)', units * HOURS_PER_MONTH, `${workload.consumers} consumer(s) x ${pollers} poller(s) (5 MB/s or 5 invocations each, at most 1 per partition) / 10 per unit = ${units} EPU(s) x ${HOURS_PER_MONTH} h; ${fmt(peakBytesPerSecond(workload))} B/s at the peak`),
  ];
}
