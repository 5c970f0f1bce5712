/** Shard arithmetic and retention lines shared by the two Kinesis capacity modes. */
import { HOURS_PER_MONTH, KINESIS, SECONDS_PER_MONTH } from '../capacity-limits';
import { BYTES_PER_GB, costLine, fmt, type CostLine } from '../option-estimate';
import type { PriceId, PriceList } from '../price-list';
import { keepSeconds, peakRate, type Workload } from '../workload';
import { averageKinesisBytesPerSecond, kinesisRecordCount, kinesisRecordShape, kinesisRecordsPerMonth, peakKinesisBytesPerSecond, peakKinesisRecordsPerSecond } from './kinesis-aggregation';

/**
 * Shards the writes need at the peak: 1 MiB/s and 1,000 records/s per shard, both counted in
 * Kinesis records, so after KPL aggregation (kinesis-aggregation.ts): the larger of the two wins.
 */
export function writeShards(workload: Workload): { readonly shards: number; readonly because: string } {
  const byBytes = Math.ceil(peakKinesisBytesPerSecond(workload) / KINESIS.shardWriteBytesPerSecond);
  const byRecords = Math.ceil(peakKinesisRecordsPerSecond(workload) / KINESIS.shardWriteRecordsPerSecond);
  const shards = Math.max(1, byBytes, byRecords);
  const limit = byBytes >= byRecords ? 'write limit 1 MiB/s per shard' : 'write limit 1,000 records/s per shard';
  const shape = kinesisRecordShape(workload);
  const packed = shape.aggregated
    ? `, aggregated ${fmt(shape.userRecordsPerRecord)} per Kinesis record (${fmt(peakKinesisRecordsPerSecond(workload))} Kinesis records/s of ${fmt(shape.recordBytes)} B),`
    : '';
  return { shards, because: `at a peak of ${fmt(peakRate(workload))} rec/s of ${fmt(workload.recordBytes)} B${packed} a provisioned stream needs ${shards} shard(s) (${limit})` };
}

/** Shards that shared (GetRecords) readers need: they split 2 MiB/s per shard between them. */
export function sharedReadShards(workload: Workload): number {
  return Math.ceil((workload.consumers * peakKinesisBytesPerSecond(workload)) / KINESIS.shardReadBytesPerSecond);
}

/** Requirements no Kinesis stream meets, whatever its capacity mode. */
export function streamLimitViolations(workload: Workload): string[] {
  const reasons: string[] = [];
  if (workload.recordBytes > KINESIS.maxRecordBytes) reasons.push(`records of ${fmt(workload.recordBytes)} B: a Kinesis record is at most 1 MiB unless raised with UpdateMaxRecordSize`);
  if (keepSeconds(workload) > KINESIS.maxRetentionSeconds) reasons.push(`keeping data ${fmt(keepSeconds(workload) / 86_400)} days: Kinesis retention is at most 8,760 h (365 days)`);
  if (workload.ordering === 'strict') {
    const records = peakKinesisRecordsPerSecond(workload);
    const bytes = peakKinesisBytesPerSecond(workload);
    if (records > KINESIS.shardWriteRecordsPerSecond || bytes > KINESIS.shardWriteBytesPerSecond) {
      const packed = kinesisRecordShape(workload).aggregated ? ` (${fmt(peakRate(workload))} user rec/s aggregated)` : '';
      reasons.push(`strict global order caps throughput at one shard (1,000 records/s and 1 MiB/s): the peak is ${fmt(records)} Kinesis rec/s${packed} and ${fmt(bytes)} B/s`);
    }
  }
  return reasons;
}

/** GB a month of records kept in a retention band [from, to) seconds old, at the average rate. */
function storedGb(workload: Workload, fromSeconds: number, toSeconds: number): number {
  const span = Math.max(0, Math.min(keepSeconds(workload), toSeconds) - fromSeconds);
  return (averageKinesisBytesPerSecond(workload) * span) / BYTES_PER_GB;
}

/** Long-term retention (beyond 7 days), billed per GB-month in both modes. */
export function longTermRetentionLines(workload: Workload, prices: PriceList): CostLine[] {
  if (keepSeconds(workload) <= KINESIS.extendedRetentionEndSeconds) return [];
  const gb = storedGb(workload, KINESIS.extendedRetentionEndSeconds, Number.POSITIVE_INFINITY);
  return [costLine(prices, 'kinesis.longTermRetentionGbMonths', 'long-term retention (GB-month)', gb, `${fmt(averageKinesisBytesPerSecond(workload))} B/s x ${fmt(keepSeconds(workload) - KINESIS.extendedRetentionEndSeconds)} s beyond 7 days = ${fmt(gb)} GB kept`)];
}

/** Extended retention (24 h to 7 days) of an on-demand stream, billed per GB-month at the mode's price. */
export function onDemandExtendedRetentionLines(workload: Workload, prices: PriceList, priceId: PriceId): CostLine[] {
  if (keepSeconds(workload) <= KINESIS.minRetentionSeconds) return [];
  const gb = storedGb(workload, KINESIS.minRetentionSeconds, KINESIS.extendedRetentionEndSeconds);
  return [costLine(prices, priceId, 'extended retention 24 h-7 d (GB-month)', gb, `${fmt(averageKinesisBytesPerSecond(workload))} B/s x the part of the retention between 24 h and 7 days = ${fmt(gb)} GB kept`)];
}

/** Extended retention of a provisioned stream: every shard-hour once retention exceeds 24 h. */
export function provisionedExtendedRetentionLines(workload: Workload, prices: PriceList, shards: number): CostLine[] {
  if (keepSeconds(workload) <= KINESIS.minRetentionSeconds) return [];
  return [costLine(prices, 'kinesis.provisioned.extendedRetentionShardHours', 'extended retention (shard-hours)', shards * HOURS_PER_MONTH, `${shards} shard(s) x ${HOURS_PER_MONTH} h (retention above 24 h)`)];
}

/** User records a month at the average rate. */
export function recordsPerMonth(workload: Workload): number {
  return workload.ratePerSecond * SECONDS_PER_MONTH;
}

/** GB a month the consumers read: every Kinesis record's bytes, once per consumer. */
export function readGbPerMonth(workload: Workload): { readonly gb: number; readonly arithmetic: string } {
  const gb = (kinesisRecordsPerMonth(workload) * kinesisRecordShape(workload).recordBytes * workload.consumers) / BYTES_PER_GB;
  return { gb, arithmetic: `${kinesisRecordCount(workload)} x ${fmt(kinesisRecordShape(workload).recordBytes)} B x ${workload.consumers} consumer(s)` };
}
