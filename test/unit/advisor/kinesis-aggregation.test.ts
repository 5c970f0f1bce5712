/**
 * KPL aggregation in the advisor: Kinesis capacity and bills count Kinesis records, each carrying
 * the key's backlog of user records. Sizes by hand from the KPL format with a 36-byte partition key:
 * an aggregate's fixed part is 4 (magic) + 1 + 1 + 36 (key table entry) + 16 (MD5) = 58 B, plus the
 * 36 B partition key the limits count; a user record of d bytes adds tag + length + (2 B key index +
 * tag + length + d), i.e. d + 6 for d = 100 and d + 8 for d = 1,000 or 10,000.
 */
import { advise } from '../../../advisor/advise';
import { parseAdviseFlags } from '../../../advisor/flags';
import { loadUsEast1Prices } from '../../../advisor/price-list';
import { renderText } from '../../../advisor/render-text';
import { aggregateBytes, ASSUMED_PARTITION_KEY_BYTES, kinesisRecordShape } from '../../../advisor/options/kinesis-aggregation';
import { estimateKinesisOnDemand } from '../../../advisor/options/kinesis-on-demand';
import { estimateKinesisProvisioned, estimateKinesisProvisionedWith } from '../../../advisor/options/kinesis-provisioned';
import { writeShards } from '../../../advisor/options/kinesis-sizing';
import { UsageError } from '../../../runtime/shared/errors';
import { encodeAggregatedRecord } from '../../../runtime/shared/kpl/aggregate';
import { workload } from './workload-factory';

const prices = loadUsEast1Prices();
const SECONDS_PER_MONTH = 2_628_000;
const AGGREGATE_OVERHEAD = 94;

/** 20,000 records/s of 100 B: 2 MB/s needs 2 shards by bytes but 20 by records, so records bind. */
const recordBound = { ratePerSecond: 20_000, recordBytes: 100 };
/** 1,000 records/s of 10,000 B: 10 MB/s needs 10 shards by bytes, 1 by records, so bytes bind. */
const byteBound = { ratePerSecond: 1_000, recordBytes: 10_000 };

describe('advisor: Kinesis records after KPL aggregation', () => {
  it('a record-bound workload needs fewer shards with aggregation on than off: 20 by records off, 3 by bytes on', () => {
    const off = writeShards(workload({ ...recordBound, aggregation: 'off' }));
    const on = writeShards(workload({ ...recordBound, aggregation: 'on', keyBacklog: 20 }));
    expect(off.shards).toBe(20);
    expect(off.because).toContain('write limit 1,000 records/s per shard');
    // 20 user records of 106 B + 94 B = 2,214 B per Kinesis record, 1,000 of them a second: 2,214,000 B/s > 2 MiB/s.
    expect(on.shards).toBe(3);
    expect(on.because).toBe('at a peak of 20,000 rec/s of 100 B, aggregated 20 per Kinesis record (1,000 Kinesis records/s of 2,214 B), a provisioned stream needs 3 shard(s) (write limit 1 MiB/s per shard)');
    expect(on.shards).toBeLessThan(off.shards);
  });

  it('auto packs a backlog just as on does; with no backlog it is exactly off', () => {
    expect(writeShards(workload({ ...recordBound, aggregation: 'auto', keyBacklog: 20 })).shards).toBe(3);
    const noBacklog = workload({ ...recordBound, aggregation: 'auto', keyBacklog: 1 });
    expect(kinesisRecordShape(noBacklog)).toEqual({ aggregated: false, userRecordsPerRecord: 1, recordBytes: 100 });
    const costs = (w: typeof noBacklog): number[] => advise(w, prices).options.map((option) => option.monthlyUsd);
    expect(costs(noBacklog)).toEqual(costs({ ...noBacklog, aggregation: 'off' }));
  });

  it.each([[1, 100], [20, 100], [3, 10_000], [1_040, 1_000]])('sizes an aggregate of %i user records of %i B exactly as the KPL encoder writes it, plus its partition key', (count, bytes) => {
    const partitionKey = 'u'.repeat(ASSUMED_PARTITION_KEY_BYTES);
    const encoded = encodeAggregatedRecord(Array.from({ length: count }, () => ({ partitionKey, data: new Uint8Array(bytes) })));
    expect(aggregateBytes(count, bytes)).toBe(encoded.byteLength + ASSUMED_PARTITION_KEY_BYTES);
  });

  it('on wraps even a lone record: the same record count as off, a few bytes more', () => {
    const shape = kinesisRecordShape(workload({ ...recordBound, aggregation: 'on', keyBacklog: 1 }));
    expect(shape).toEqual({ aggregated: true, userRecordsPerRecord: 1, recordBytes: 100 + 6 + AGGREGATE_OVERHEAD });
  });

  it('a byte-bound workload needs the same shards with aggregation on as off', () => {
    const off = writeShards(workload({ ...byteBound, aggregation: 'off' }));
    // 20 x 10,008 B + 94 B = 200,254 B per Kinesis record, 50 a second: 10,012,700 B/s, still 10 shards of 1 MiB/s.
    const on = writeShards(workload({ ...byteBound, aggregation: 'on', keyBacklog: 20 }));
    expect(off.shards).toBe(10);
    expect(on.shards).toBe(10);
    expect(on.because).toContain('write limit 1 MiB/s per shard');
  });

  it('bills PUT payload units per Kinesis record: 20 small user records pay one 25 KB unit together', () => {
    const lineOf = (w: ReturnType<typeof workload>): { quantity: number; arithmetic: string } | undefined =>
      estimateKinesisProvisionedWith('shared', w, prices).lines.find((line) => line.priceId === 'kinesis.provisioned.putPayloadUnits');
    const off = lineOf(workload({ ...recordBound, aggregation: 'off' }));
    const on = lineOf(workload({ ...recordBound, aggregation: 'on', keyBacklog: 20 }));
    expect(off?.quantity).toBeCloseTo((20_000 * SECONDS_PER_MONTH) / 1e6, 6);
    expect(on?.quantity).toBeCloseTo((1_000 * SECONDS_PER_MONTH) / 1e6, 6);
    expect(on?.arithmetic).toBe('2,628,000,000 Kinesis records (aggregates of 20 user records) x 1 unit(s) of 25 KB');
    expect(estimateKinesisProvisioned(workload({ ...recordBound, aggregation: 'on', keyBacklog: 20 }), prices).monthlyUsd)
      .toBeLessThan(estimateKinesisProvisioned(workload({ ...recordBound, aggregation: 'off' }), prices).monthlyUsd);
  });

  it('on-demand rounds each Kinesis record, so an aggregate is rounded up to 1 KB once, not each user record', () => {
    const dataIn = (w: ReturnType<typeof workload>): number | undefined => estimateKinesisOnDemand(w, prices).lines.find((line) => line.priceId === 'kinesis.onDemand.dataInGb')?.quantity;
    expect(dataIn(workload({ ...recordBound, aggregation: 'off' }))).toBeCloseTo((20_000 * SECONDS_PER_MONTH * 1_024) / 2 ** 30, 6);
    // 2,214 B rounded up to 3 KB, 1,000 a second.
    expect(dataIn(workload({ ...recordBound, aggregation: 'on', keyBacklog: 20 }))).toBeCloseTo((1_000 * SECONDS_PER_MONTH * 3_072) / 2 ** 30, 6);
  });

  it('an aggregate holds at most 1 MiB: a backlog of 5,000 records of 1,000 B is carried 1,040 at a time', () => {
    const shape = kinesisRecordShape(workload({ ratePerSecond: 5_000, recordBytes: 1_000, aggregation: 'on', keyBacklog: 5_000 }));
    expect(shape.userRecordsPerRecord).toBe(Math.floor((1_048_576 - AGGREGATE_OVERHEAD) / 1_008));
    expect(shape.recordBytes).toBeLessThanOrEqual(1_048_576);
    expect(shape.recordBytes + 1_008).toBeGreaterThan(1_048_576);
  });

  it('a user record too large to wrap goes plain even with aggregation on, as the producer sends it', () => {
    expect(kinesisRecordShape(workload({ recordBytes: 1_048_500, aggregation: 'on', keyBacklog: 3 }))).toEqual({ aggregated: false, userRecordsPerRecord: 1, recordBytes: 1_048_500 });
  });

  it('strict order: 5,000 records/s of 100 B overflow one shard one by one, but fit it as 500 aggregates of 10', () => {
    const strict = { ratePerSecond: 5_000, recordBytes: 100, ordering: 'strict' as const };
    const off = estimateKinesisProvisioned(workload({ ...strict, aggregation: 'off' }), prices);
    expect(off.feasible).toBe(false);
    expect(off.why.join(' ')).toContain('the peak is 5,000 Kinesis rec/s and 500,000 B/s');
    expect(estimateKinesisProvisioned(workload({ ...strict, aggregation: 'on', keyBacklog: 10 }), prices).feasible).toBe(true);
  });

  it('--explain says the counts are Kinesis records after aggregation, how many user records each carries, and what consumers pay', () => {
    const { workload: aggregated } = parseAdviseFlags(['--rate', '20000/s', '--size', '100B', '--aggregate', 'on', '--key-backlog', '20']);
    const text = renderText(advise(aggregated, prices), { explain: true });
    const line = text.split('\n').find((candidate) => candidate.startsWith('Kinesis records after aggregation'));
    expect(line).toContain('(--aggregate on, --key-backlog 20)');
    expect(line).toContain('the per-shard limits (1 MiB/s and 1,000 records/s in) count Kinesis records');
    expect(line).toContain('a KPL aggregate of 20 user record(s) of one partition key (2,214 B');
    expect(line).toContain('1,000 Kinesis records/s of 2,214 B at the peak');
    expect(line).toContain('consumers must deaggregate');
    expect(line).toContain("a partial batch response names the aggregate's sequence number");
    expect(renderText(advise(aggregated, prices), { explain: false })).not.toContain('Kinesis records after aggregation');
  });

  it('--explain with the defaults says each Kinesis record is one user record, and why', () => {
    const { workload: defaults } = parseAdviseFlags(['--rate', '2000/s', '--size', '3KB']);
    expect(defaults).toMatchObject({ aggregation: 'auto', keyBacklog: 1 });
    expect(renderText(advise(defaults, prices), { explain: true })).toContain(
      'Kinesis records (--aggregate auto, --key-backlog 1): the per-shard limits (1 MiB/s and 1,000 records/s in) count Kinesis records, and here each carries 1 user record (no key has a backlog (--key-backlog 1), so auto sends each record plain): 2,000 Kinesis records/s of 3,000 B at the peak',
    );
  });

  it.each([
    [['--aggregate', 'always'], /--aggregate: "always" is not one of auto \| on \| off/],
    [['--aggregate', 'ON'], /--aggregate: "ON" is not one of auto \| on \| off/],
    [['--key-backlog', '0'], /--key-backlog: 0 is below the minimum of 1/],
    [['--key-backlog', '2.5'], /--key-backlog: "2.5" is not a whole number/],
  ])('refuses %j with a UsageError (exit 2)', (extra, message) => {
    const parse = (): unknown => parseAdviseFlags(['--rate', '1/s', '--size', '1KB', ...extra]);
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });
});
