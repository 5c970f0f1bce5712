/**
 * Kinesis Data Streams on-demand, in its two billing modes: Standard (a per-stream hourly charge
 * plus GB in and out) and Advantage (an account-level mode: no per-stream charge, lower per-GB
 * prices, and a minimum throughput commitment). Shards are managed by AWS and sized for
 * throughput; readers are shared (GetRecords) up to 5 consumers, enhanced fan-out beyond.
 */
import { HOURS_PER_MONTH, KINESIS, SECONDS_PER_MONTH } from '../capacity-limits';
import { BYTES_PER_GB, costLine, estimate, fmt, type CostLine, type OptionEstimate } from '../option-estimate';
import type { PriceList } from '../price-list';
import { peakRate, type Workload } from '../workload';
import { strictOrderConcurrencyViolation, workersNeeded } from './consumer-concurrency';
import { kinesisRecordCount, kinesisRecordShape, kinesisRecordsPerMonth, peakKinesisBytesPerSecond, peakKinesisRecordsPerSecond } from './kinesis-aggregation';
import { longTermRetentionLines, onDemandExtendedRetentionLines, readGbPerMonth, streamLimitViolations, writeShards } from './kinesis-sizing';

export type OnDemandMode = 'standard' | 'advantage';

/** Data-In is metered per Kinesis record rounded up to the nearest 1 KB (a 4.5 KB record counts as 5 KB; an aggregate is one record). */
export function onDemandBilledBytes(recordBytes: number): number {
  return Math.ceil(recordBytes / 1_024) * 1_024;
}

/** Shards an on-demand stream keeps: room for twice the previous peak, never less than 4 shards' worth. */
export function onDemandShards(workload: Workload): number {
  return Math.max(KINESIS.onDemandMinShards, KINESIS.onDemandPeakHeadroom * writeShards(workload).shards);
}

/** Shared readers up to 5 consumers (5 GetRecords calls/s per shard); enhanced fan-out beyond. Depends on the count alone. */
export function onDemandUsesFanOut(consumers: number): boolean {
  return consumers > KINESIS.shardGetRecordsPerSecond;
}

function capacityViolations(mode: OnDemandMode, workload: Workload, shards: number): string[] {
  const reasons = [...streamLimitViolations(workload), ...strictOrderConcurrencyViolation(workload)];
  const peakRecords = peakKinesisRecordsPerSecond(workload);
  const peakBytes = peakKinesisBytesPerSecond(workload);
  if (peakBytes > KINESIS.onDemandMaxWriteBytesPerSecond || peakRecords > KINESIS.onDemandMaxWriteRecordsPerSecond) {
    reasons.push(`peak of ${fmt(peakRecords)} Kinesis rec/s (${fmt(peakBytes)} B/s) exceeds an on-demand stream's default 200 MiB/s and 200,000 records/s`);
  }
  const maxFanOut = mode === 'advantage' ? KINESIS.maxEnhancedFanOutConsumersAdvantage : KINESIS.maxEnhancedFanOutConsumers;
  if (workload.consumers > maxFanOut) reasons.push(`${workload.consumers} consumers: an on-demand ${mode} stream has at most ${maxFanOut} enhanced fan-out consumers`);
  if (!onDemandUsesFanOut(workload.consumers) && workload.consumers * peakBytes > shards * KINESIS.shardReadBytesPerSecond) {
    reasons.push(`${workload.consumers} shared readers read ${fmt(workload.consumers * peakBytes)} B/s at the peak: more than ${shards} shard(s) x 2 MiB/s`);
  }
  const readers = shards * KINESIS.maxReadersPerShard;
  if (workload.ordering !== 'strict' && workersNeeded(workload) > readers) {
    reasons.push(`the consumers need ${fmt(workersNeeded(workload))} records in progress at once; on-demand sizes its ~${shards} shard(s) for throughput, giving at most ${shards} x 10 (ParallelizationFactor) = ${fmt(readers)}: use provisioned shards sized for the work`);
  }
  return reasons;
}

function readLines(mode: OnDemandMode, workload: Workload, prices: PriceList): CostLine[] {
  const { gb: gbOut, arithmetic } = readGbPerMonth(workload);
  if (mode === 'advantage') return [costLine(prices, 'kinesis.onDemandAdvantage.dataOutGb', `GB out (${onDemandUsesFanOut(workload.consumers) ? 'enhanced fan-out' : 'shared readers'})`, gbOut, arithmetic)];
  if (onDemandUsesFanOut(workload.consumers)) return [costLine(prices, 'kinesis.onDemand.enhancedFanOut.dataOutGb', 'GB out (enhanced fan-out)', gbOut, arithmetic)];
  return [costLine(prices, 'kinesis.onDemand.dataOutGb', 'GB out (shared readers)', gbOut, arithmetic)];
}

function writeLines(mode: OnDemandMode, workload: Workload, prices: PriceList): CostLine[] {
  const records = kinesisRecordsPerMonth(workload);
  const recordBytes = kinesisRecordShape(workload).recordBytes;
  const billedBytes = onDemandBilledBytes(recordBytes);
  const gbIn = (records * billedBytes) / BYTES_PER_GB;
  const written = `${kinesisRecordCount(workload)} x ${fmt(billedBytes)} B (${fmt(recordBytes)} B rounded up to 1 KB)`;
  if (mode === 'standard') {
    return [
      costLine(prices, 'kinesis.onDemand.streamHours', 'stream-hours', HOURS_PER_MONTH, `1 stream x ${HOURS_PER_MONTH} h`),
      costLine(prices, 'kinesis.onDemand.dataInGb', 'GB in (1 KB rounding)', gbIn, written),
    ];
  }
  const committedGb = (KINESIS.advantageCommittedIngestBytesPerSecond * SECONDS_PER_MONTH) / BYTES_PER_GB;
  const billedGb = Math.max(gbIn, committedGb);
  return [costLine(prices, 'kinesis.onDemandAdvantage.dataInGb', 'GB in (1 KB rounding; at least the commitment)', billedGb, `${written} = ${fmt(gbIn)} GB; the account commits to at least 10 MiB/s x ${fmt(SECONDS_PER_MONTH)} s = ${fmt(committedGb)} GB`)];
}

export function estimateKinesisOnDemandMode(mode: OnDemandMode, workload: Workload, prices: PriceList): OptionEstimate {
  const shards = onDemandShards(workload);
  const retention = mode === 'standard'
    ? onDemandExtendedRetentionLines(workload, prices, 'kinesis.onDemand.extendedRetentionGbMonths')
    : onDemandExtendedRetentionLines(workload, prices, 'kinesis.onDemandAdvantage.extendedRetentionGbMonths');
  const lines = [...writeLines(mode, workload, prices), ...readLines(mode, workload, prices), ...retention, ...longTermRetentionLines(workload, prices)];
  const readers = onDemandUsesFanOut(workload.consumers) ? `${workload.consumers} enhanced fan-out consumers, 2 MiB/s each per shard` : `${workload.consumers} shared reader(s)`;
  const packed = kinesisRecordShape(workload).aggregated ? ` (${fmt(peakKinesisRecordsPerSecond(workload))} Kinesis records/s after aggregation)` : '';
  const sizing = [`no shards to manage: about ${shards} shard(s) of capacity kept for a peak of ${fmt(peakRate(workload))} rec/s${packed}; ${readers}`];
  if (workersNeeded(workload) > 0) sizing.push(`consumers: up to ${shards} x 10 concurrent batches (ParallelizationFactor), per-key order kept; ${fmt(workersNeeded(workload))} needed`);
  if (mode === 'advantage') sizing.push('account-level mode: no per-stream charge, but the account commits to a minimum throughput for at least 24 h (billed here at 10 MiB/s); worth it when the account already streams that much');
  return estimate(mode === 'standard' ? 'kinesis-on-demand' : 'kinesis-on-demand-advantage', lines, capacityViolations(mode, workload, shards), sizing);
}
