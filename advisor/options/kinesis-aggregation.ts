/**
 * What Kinesis counts once the producer aggregates: Kinesis records, not user records. A KPL
 * aggregate packs many user records of one partition key into one Kinesis record, and "a Kinesis
 * Data Streams shard supports up to 1,000 Kinesis Data Streams records per second, or 1 MB
 * throughput. The Kinesis Data Streams records per second limit binds customers with records
 * smaller than 1 KB. Record aggregation allows customers to combine multiple records into a single
 * Kinesis Data Streams record" (Kinesis Data Streams developer guide, "KPL key concepts",
 * docs.aws.amazon.com/streams/latest/dev/kinesis-kpl-concepts.html). The per-shard quotas themselves
 * ("Each shard can support up to 1 MB/sec or 1,000 records/sec write throughput", "Quotas and
 * limits", docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html) are unchanged.
 *
 * So aggregation lowers the records a second the shards see and the records PUT payload units and
 * on-demand's 1 KB rounding are billed on; it does not lower the bytes: every user record keeps its
 * bytes and gains a few of protobuf framing, and each aggregate adds a header, the partition key
 * and an MD5 trailer. The sizes come from the producer's own arithmetic of the format
 * (runtime/shared/kpl/single-key-aggregate-size.ts), so the advisor and the producer agree.
 */
import { KINESIS, SECONDS_PER_MONTH } from '../capacity-limits';
import { fmt } from '../option-estimate';
import { peakRate, type Workload } from '../workload';
import { singleKeyAggregateBaseBytes, singleKeyUserRecordBytes } from '../../runtime/shared/kpl/single-key-aggregate-size';

/**
 * ASSUMPTION: the partition key's length, counted once more in each aggregate's key table and once
 * per Kinesis record by the limits ("The record size limit applies to the total size of the
 * partition key and data blob", PutRecords API reference). A UUID's 36 characters: longer than the
 * project's own user ids (`user-0042`), so the overhead is not understated for them.
 */
export const ASSUMED_PARTITION_KEY_BYTES = 36;
const ASSUMED_PARTITION_KEY = 'k'.repeat(ASSUMED_PARTITION_KEY_BYTES);

/** The Kinesis records a workload's user records become. */
export interface KinesisRecordShape {
  /** Whether the Kinesis records are KPL aggregates (consumers must deaggregate). */
  readonly aggregated: boolean;
  /** User records one Kinesis record carries. */
  readonly userRecordsPerRecord: number;
  /** Bytes of one Kinesis record as the limits and the bill count it. */
  readonly recordBytes: number;
}

/** Bytes a Kinesis record carrying `count` user records as one aggregate takes, partition key included. */
export function aggregateBytes(count: number, userRecordBytes: number): number {
  return singleKeyAggregateBaseBytes(ASSUMED_PARTITION_KEY) + ASSUMED_PARTITION_KEY_BYTES + count * singleKeyUserRecordBytes(userRecordBytes);
}

/** The most user records of this size one aggregate holds within the Kinesis record size limit (0: not even one). */
export function userRecordsPerAggregateLimit(userRecordBytes: number): number {
  const room = KINESIS.maxRecordBytes - aggregateBytes(0, userRecordBytes);
  return Math.max(0, Math.floor(room / singleKeyUserRecordBytes(userRecordBytes)));
}

/**
 * The Kinesis records of this workload, as the clickstream producer forms them: a key's backlog
 * (`keyBacklog` user records) becomes one aggregate, as many as fit in 1 MiB, under `auto` and
 * `on`; under `auto` a lone record goes plain, under `on` it is wrapped too (unless even one does
 * not fit, when it goes plain); under `off` every user record is its own Kinesis record. The
 * workload's record size stands for the data blob with its key, as without aggregation, so the
 * bytes never come out below the plain records'.
 */
export function kinesisRecordShape(workload: Workload): KinesisRecordShape {
  const plain: KinesisRecordShape = { aggregated: false, userRecordsPerRecord: 1, recordBytes: workload.recordBytes };
  if (workload.aggregation === 'off') return plain;
  const count = Math.min(workload.keyBacklog, userRecordsPerAggregateLimit(workload.recordBytes));
  if (count === 0 || (count === 1 && workload.aggregation === 'auto')) return plain;
  return { aggregated: true, userRecordsPerRecord: count, recordBytes: aggregateBytes(count, workload.recordBytes) };
}

/** Kinesis records a second at the peak: what the 1,000 records/s per shard counts. */
export function peakKinesisRecordsPerSecond(workload: Workload): number {
  return peakRate(workload) / kinesisRecordShape(workload).userRecordsPerRecord;
}

/** Bytes a second written at the peak, framing and partition keys of aggregates included: what the 1 MiB/s per shard counts. */
export function peakKinesisBytesPerSecond(workload: Workload): number {
  return peakKinesisRecordsPerSecond(workload) * kinesisRecordShape(workload).recordBytes;
}

/** Bytes a second written at the average rate (what is stored and read over the month). */
export function averageKinesisBytesPerSecond(workload: Workload): number {
  const shape = kinesisRecordShape(workload);
  return (workload.ratePerSecond / shape.userRecordsPerRecord) * shape.recordBytes;
}

/** Kinesis records a month at the average rate: what PUT payload units and on-demand's 1 KB rounding are billed on. */
export function kinesisRecordsPerMonth(workload: Workload): number {
  return (workload.ratePerSecond * SECONDS_PER_MONTH) / kinesisRecordShape(workload).userRecordsPerRecord;
}

/** "5,256,000,000 Kinesis records" or "525,600,000 Kinesis records (aggregates of 10 user records)". */
export function kinesisRecordCount(workload: Workload): string {
  const shape = kinesisRecordShape(workload);
  const each = shape.userRecordsPerRecord > 1 ? ` (aggregates of ${fmt(shape.userRecordsPerRecord)} user records)` : shape.aggregated ? ' (aggregates of 1 user record)' : '';
  return `${fmt(kinesisRecordsPerMonth(workload))} Kinesis records${each}`;
}

/** Why the records go plain although the producer may aggregate. */
function plainBecause(workload: Workload): string {
  if (workload.aggregation === 'off') return 'aggregation is off';
  const limit = userRecordsPerAggregateLimit(workload.recordBytes);
  if (limit === 0) return `a user record of ${fmt(workload.recordBytes)} B does not fit an aggregate within 1 MiB, so it goes plain`;
  if (workload.keyBacklog > 1) return `one user record of ${fmt(workload.recordBytes)} B already fills an aggregate within 1 MiB, so auto sends it plain`;
  return 'no key has a backlog (--key-backlog 1), so auto sends each record plain';
}

/**
 * The `--explain` line: what the Kinesis record counts above count, how many user records each
 * carries, and what aggregation costs the consumers.
 */
export function kinesisAggregationExplanation(workload: Workload): string {
  const shape = kinesisRecordShape(workload);
  const setting = `--aggregate ${workload.aggregation}, --key-backlog ${fmt(workload.keyBacklog)}`;
  const limits = 'the per-shard limits (1 MiB/s and 1,000 records/s in) count Kinesis records';
  const peak = `${fmt(peakKinesisRecordsPerSecond(workload))} Kinesis records/s of ${fmt(shape.recordBytes)} B at the peak`;
  if (!shape.aggregated) {
    return `Kinesis records (${setting}): ${limits}, and here each carries 1 user record (${plainBecause(workload)}): ${peak}; consumers read plain records.`;
  }
  const packing = `each Kinesis record is a KPL aggregate of ${fmt(shape.userRecordsPerRecord)} user record(s) of one partition key (${fmt(shape.recordBytes)} B with framing, key and MD5 trailer; at most 1 MiB)`;
  const consumers = 'consumers must deaggregate (the KCL and Firehose do; a Lambda consumer needs a deaggregation module), and a failure is per aggregate: a partial batch response names the aggregate\'s sequence number, so all its user records are retried';
  return `Kinesis records after aggregation (${setting}): ${limits}; ${packing}: ${peak}; ${consumers}.`;
}
