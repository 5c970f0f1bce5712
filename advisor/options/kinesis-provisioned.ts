/**
 * Kinesis Data Streams, provisioned: shards sized for the peak. Two ways to read: shared polling
 * readers (they split 2 MiB/s and 5 GetRecords/s per shard) or enhanced fan-out (2 MiB/s per
 * consumer per shard, billed per consumer-shard-hour). The cheaper one that works is priced.
 */
import { HOURS_PER_MONTH, KINESIS } from '../capacity-limits';
import { costLine, estimate, fmt, type CostLine, type OptionEstimate } from '../option-estimate';
import type { PriceList } from '../price-list';
import type { Workload } from '../workload';
import { kinesisShardsForConcurrency, strictOrderConcurrencyViolation, workersNeeded } from './consumer-concurrency';
import { kinesisRecordCount, kinesisRecordShape, kinesisRecordsPerMonth } from './kinesis-aggregation';
import { provisionedExtendedRetentionLines, longTermRetentionLines, readGbPerMonth, sharedReadShards, streamLimitViolations, writeShards } from './kinesis-sizing';

/** PUT payload units: each record is billed in 25 KB chunks (5 KB → 1, 45 KB → 2, 1 MB → 40). */
export function putPayloadUnits(recordBytes: number): number {
  return Math.max(1, Math.ceil(recordBytes / (25 * 1_024)));
}

export type KinesisReaders = 'shared' | 'enhanced-fan-out';

/**
 * The bill of a provisioned stream with `shards` shards: shard-hours, PUT payload units and
 * retention (no enhanced fan-out). PUT payload units are counted per Kinesis record, so an
 * aggregate of small user records pays for its 25 KB chunks, not one unit per user record.
 */
export function kinesisProvisionedLines(workload: Workload, prices: PriceList, shards: number): CostLine[] {
  const records = kinesisRecordsPerMonth(workload);
  const units = putPayloadUnits(kinesisRecordShape(workload).recordBytes);
  return [
    costLine(prices, 'kinesis.provisioned.shardHours', 'shard-hours', shards * HOURS_PER_MONTH, `${shards} shard(s) x ${HOURS_PER_MONTH} h`),
    costLine(prices, 'kinesis.provisioned.putPayloadUnits', 'PUT payload units (million)', (records * units) / 1e6, `${kinesisRecordCount(workload)} x ${units} unit(s) of 25 KB`),
    ...provisionedExtendedRetentionLines(workload, prices, shards),
    ...longTermRetentionLines(workload, prices),
  ];
}

/** Shards for the consumers' work, and the sizing line saying so (none when the work time is not stated). */
function concurrencySizing(workload: Workload): { readonly shards: number; readonly because: string[] } {
  const shards = kinesisShardsForConcurrency(workload);
  if (workersNeeded(workload) === 0) return { shards, because: [] };
  return { shards, because: [`consumers: ${fmt(workersNeeded(workload))} records in progress at once need ${shards} shard(s) at up to 10 concurrent batches each (Lambda ParallelizationFactor; per-key order kept)`] };
}

/** The estimate for one way of reading. */
export function estimateKinesisProvisionedWith(readers: KinesisReaders, workload: Workload, prices: PriceList): OptionEstimate {
  const write = writeShards(workload);
  const work = concurrencySizing(workload);
  const infeasible = [...streamLimitViolations(workload), ...strictOrderConcurrencyViolation(workload)];
  if (readers === 'shared') {
    const shards = Math.max(write.shards, sharedReadShards(workload), work.shards);
    if (!readersFit('shared', workload.consumers)) {
      infeasible.push(`${workload.consumers} shared readers each poll every shard about once a second: more than the 5 GetRecords calls/s per shard`);
    }
    const sizing = [write.because, `shared readers: ${workload.consumers} x the write rate needs ${sharedReadShards(workload)} shard(s) of 2 MiB/s read`, ...work.because, `so ${shards} shard(s)`];
    return estimate('kinesis-provisioned', kinesisProvisionedLines(workload, prices, shards), infeasible, sizing);
  }
  if (!readersFit('enhanced-fan-out', workload.consumers)) infeasible.push(`${workload.consumers} consumers: a stream has at most 20 enhanced fan-out consumers`);
  const shards = Math.max(write.shards, work.shards);
  const read = readGbPerMonth(workload);
  const lines = [
    ...kinesisProvisionedLines(workload, prices, shards),
    costLine(prices, 'kinesis.enhancedFanOut.consumerShardHours', 'enhanced fan-out consumer-shard-hours', workload.consumers * shards * HOURS_PER_MONTH, `${workload.consumers} consumer(s) x ${shards} shard(s) x ${HOURS_PER_MONTH} h`),
    costLine(prices, 'kinesis.enhancedFanOut.dataOutGb', 'enhanced fan-out GB out', read.gb, read.arithmetic),
  ];
  return estimate('kinesis-provisioned', lines, infeasible, [write.because, `enhanced fan-out: each of ${workload.consumers} consumer(s) gets its own 2 MiB/s per shard`, ...work.because, `so ${shards} shard(s)`]);
}

/** Whether this way of reading can serve this many consumers (the only requirement that differs between the two). */
export function readersFit(readers: KinesisReaders, consumers: number): boolean {
  return readers === 'shared' ? consumers <= KINESIS.shardGetRecordsPerSecond : consumers <= KINESIS.maxEnhancedFanOutConsumers;
}

/**
 * The cheaper of the ways of reading that can serve the consumers (shared first on a tie). Which
 * ways qualify depends on the number of consumers alone, so growing the rate or the records never
 * swaps a priced way for a cheaper one that cannot serve them.
 */
export function estimateKinesisProvisioned(workload: Workload, prices: PriceList): OptionEstimate {
  const shared = estimateKinesisProvisionedWith('shared', workload, prices);
  const fanOut = estimateKinesisProvisionedWith('enhanced-fan-out', workload, prices);
  const fitting = [shared, fanOut].filter((_, index) => readersFit(index === 0 ? 'shared' : 'enhanced-fan-out', workload.consumers));
  const candidates = fitting.length === 0 ? [shared, fanOut] : fitting;
  const best = candidates.reduce((a, b) => (b.monthlyUsd < a.monthlyUsd ? b : a));
  const other = best === shared ? fanOut : shared;
  const note = `${best === shared ? 'shared readers' : 'enhanced fan-out readers'} priced; ${best === shared ? 'enhanced fan-out' : 'shared readers'} would cost USD ${other.monthlyUsd.toFixed(2)}${other.feasible ? '' : ' and cannot meet the requirements'}`;
  return { ...best, why: [...best.why, note] };
}
