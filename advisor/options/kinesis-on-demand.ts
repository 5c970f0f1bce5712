/** Kinesis Data Streams, on-demand: no shards to size, billed per stream-hour and per GB in and out. */
import { HOURS_PER_MONTH, KINESIS } from '../capacity-limits';
import { BYTES_PER_GB, costLine, estimate, fmt, type OptionEstimate } from '../option-estimate';
import type { PriceList } from '../price-list';
import { peakBytesPerSecond, peakRate, type Workload } from '../workload';
import { longTermRetentionLines, onDemandExtendedRetentionLines, recordsPerMonth, streamLimitViolations, writeShards } from './kinesis-sizing';

/** Data-In is metered per record rounded up to the nearest 1 KB (a 4.5 KB record counts as 5 KB). */
export function onDemandBilledBytes(recordBytes: number): number {
  return Math.ceil(recordBytes / 1_024) * 1_024;
}

export function estimateKinesisOnDemand(workload: Workload, prices: PriceList): OptionEstimate {
  const records = recordsPerMonth(workload);
  const billedBytes = onDemandBilledBytes(workload.recordBytes);
  const gbIn = (records * billedBytes) / BYTES_PER_GB;
  const gbOut = (records * workload.recordBytes * workload.consumers) / BYTES_PER_GB;
  // On-demand keeps room for twice the previous peak, and never less than 4 shards' worth.
  const shards = Math.max(KINESIS.onDemandMinShards, KINESIS.onDemandPeakHeadroom * writeShards(workload).shards);
  const infeasible = streamLimitViolations(workload);
  if (peakBytesPerSecond(workload) > KINESIS.onDemandMaxWriteBytesPerSecond || peakRate(workload) > KINESIS.onDemandMaxWriteRecordsPerSecond) {
    infeasible.push(`peak of ${fmt(peakRate(workload))} rec/s (${fmt(peakBytesPerSecond(workload))} B/s) exceeds an on-demand stream's default 200 MiB/s and 200,000 records/s`);
  }
  if (workload.consumers > KINESIS.shardGetRecordsPerSecond) {
    infeasible.push(`${workload.consumers} shared readers: more than the 5 GetRecords calls/s per shard (on-demand with enhanced fan-out is not priced here)`);
  } else if (workload.consumers * peakBytesPerSecond(workload) > shards * KINESIS.shardReadBytesPerSecond) {
    infeasible.push(`${workload.consumers} shared readers read ${fmt(workload.consumers * peakBytesPerSecond(workload))} B/s at the peak: more than ${shards} shard(s) x 2 MiB/s`);
  }
  const lines = [
    costLine(prices, 'kinesis.onDemand.streamHours', 'stream-hours', HOURS_PER_MONTH, `1 stream x ${HOURS_PER_MONTH} h`),
    costLine(prices, 'kinesis.onDemand.dataInGb', 'GB in (1 KB rounding)', gbIn, `${fmt(records)} records x ${fmt(billedBytes)} B (${fmt(workload.recordBytes)} B rounded up to 1 KB)`),
    costLine(prices, 'kinesis.onDemand.dataOutGb', 'GB out (shared readers)', gbOut, `${fmt(records)} records x ${fmt(workload.recordBytes)} B x ${workload.consumers} reader(s)`),
    ...onDemandExtendedRetentionLines(workload, prices),
    ...longTermRetentionLines(workload, prices),
  ];
  return estimate('kinesis-on-demand', lines, infeasible, [`no shards to manage: about ${shards} shard(s) of capacity kept for a peak of ${fmt(peakRate(workload))} rec/s`]);
}
