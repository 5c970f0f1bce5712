/** `npm run advise` flags → a Workload and output choices. Bad input throws UsageError (exit 2). */
import { UsageError } from '../runtime/shared/errors';
import { parseCount, parseDuration, parseMultiplier, parseRate, parseSize } from './units';
import { AGGREGATIONS, ORDERINGS, WORK_KINDS, type Ordering, type WorkKind, type Workload } from './workload';
import { parseFlags } from '../runtime/shared/parse-flags';

export interface AdviseOptions {
  readonly workload: Workload;
  /** Print the arithmetic behind each cost line. */
  readonly explain: boolean;
  /** Print the whole advice as JSON on stdout. */
  readonly json: boolean;
  /** Write the cost-versus-rate chart here (SVG), if given. */
  readonly chartFile: string | undefined;
  readonly help: boolean;
  /** List every price with its evidence instead of advising. */
  readonly listPrices: boolean;
  /** Print the project's named reference figures (the Kafka sandbox, MSK Serverless, …) instead of advising. */
  readonly listReferenceCosts: boolean;
}

export const ADVISE_USAGE = `Usage: npm run advise -- --rate 2000/s --size 3KB [options]
  --rate R          average records per second, minute, hour or day: 2000/s, 90k/min, 5m/d (required)
  --size S          bytes per record: 512B, 3KB, 1MiB (required)
  --peak Nx         peak as a multiple of the average rate (default 1x); capacity is sized for it
  --consumers N     independent consumers of every record (default 1)
  --order O         none | per-key | strict (default none)
  --work W          task (each unit done once) | event (read by every consumer)
                    (default: task with 1 consumer, event with more)
  --replay D        how far back a consumer must re-read: 0, 30m, 24h, 7d (default 0)
  --retention D     how long unconsumed records must be kept (default 1d)
  --work-time T     time a consumer spends on one record: 200ms, 2s (default 0: not checked);
                    sizes the concurrency the consumers need (peak rate x time)
  --send-batch N    messages per send call to SQS or SNS: 1 (one per call) to 10 (default 1)
  --aggregate A     auto | on | off: KPL aggregation by the Kinesis producer, as its own --aggregate
                    (default auto: a key's backlog travels as one Kinesis record, a lone record plain);
                    Kinesis shards and bills count Kinesis records (aggregates), not user records
  --key-backlog N   user records of one key waiting together when the producer sends (about the
                    key's rate x one PutRecords round trip); an aggregate carries that many, within
                    1 MiB (default 1: no backlog, so auto aggregates nothing)
  --prices          list every price with its source, kind of evidence and date, then exit
  --reference-costs list the monthly figures the docs quote (the Kafka stack's cluster, MSK
                    Serverless, a Kinesis stream or shard), each with its assumptions, then exit
  --explain         print the arithmetic behind every cost line
  --json            print everything as JSON
  --chart FILE.svg  write monthly cost vs message rate, with the crossovers marked`;

function oneOf<T extends string>(flag: string, raw: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(raw)) throw new UsageError(`${flag}: "${raw}" is not one of ${allowed.join(' | ')}`);
  return raw as T;
}

const ADVISE_FLAGS = {
  rate: { type: 'string' },
  size: { type: 'string' },
  peak: { type: 'string', default: '1x' },
  consumers: { type: 'string', default: '1' },
  order: { type: 'string', default: 'none' },
  work: { type: 'string' },
  replay: { type: 'string', default: '0' },
  retention: { type: 'string', default: '1d' },
  explain: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  chart: { type: 'string' },
  'work-time': { type: 'string', default: '0' },
  'send-batch': { type: 'string', default: '1' },
  aggregate: { type: 'string', default: 'auto' },
  'key-backlog': { type: 'string', default: '1' },
  prices: { type: 'boolean', default: false },
  'reference-costs': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type AdviseFlagValues = ReturnType<typeof parseFlags<typeof ADVISE_FLAGS>>;

export function parseAdviseFlags(argv: readonly string[]): AdviseOptions {
  const values = parseFlags(argv, ADVISE_FLAGS);
  const help = values.help;
  const listReferenceCosts = values['reference-costs'];
  if (help || values.prices || listReferenceCosts) {
    return { workload: placeholderWorkload(), explain: false, json: false, chartFile: undefined, help, listPrices: values.prices, listReferenceCosts };
  }
  if (values.rate === undefined) throw new UsageError('--rate is required (e.g. --rate 2000/s)');
  if (values.size === undefined) throw new UsageError('--size is required (e.g. --size 3KB)');
  const { consumers, work, replaySeconds, retentionSeconds } = parseConsumption(values);
  if (values.chart !== undefined && !values.chart.toLowerCase().endsWith('.svg')) throw new UsageError(`--chart: "${values.chart}" must end in .svg`);
  if (values.json && values.explain) throw new UsageError('--json and --explain contradict each other: --json already includes every cost line and its arithmetic');
  const ordering: Ordering = oneOf('--order', values.order, ORDERINGS);
  const sendBatch = parseCount('--send-batch', values['send-batch'], 1);
  if (sendBatch > 10) throw new UsageError(`--send-batch: ${sendBatch} is above 10, the most entries SendMessageBatch and PublishBatch take`);
  return {
    workload: {
      ratePerSecond: parseRate('--rate', values.rate),
      peakFactor: parseMultiplier('--peak', values.peak),
      recordBytes: parseSize('--size', values.size),
      consumers,
      ordering,
      work,
      replaySeconds,
      retentionSeconds,
      workSeconds: parseDuration('--work-time', values['work-time']),
      sendBatch,
      aggregation: oneOf('--aggregate', values.aggregate, AGGREGATIONS),
      keyBacklog: parseCount('--key-backlog', values['key-backlog'], 1),
    },
    explain: values.explain,
    json: values.json,
    chartFile: values.chart,
    help,
    listPrices: false,
    listReferenceCosts: false,
  };
}

/** Who reads each record and for how long it is kept; a task read by several consumers, or replayed, contradicts itself. */
function parseConsumption(values: AdviseFlagValues): Pick<Workload, 'consumers' | 'work' | 'replaySeconds' | 'retentionSeconds'> {
  const consumers = parseCount('--consumers', values.consumers, 1);
  const work: WorkKind = values.work === undefined ? (consumers > 1 ? 'event' : 'task') : oneOf('--work', values.work, WORK_KINDS);
  if (work === 'task' && consumers > 1) {
    throw new UsageError(`--work task with --consumers ${consumers} contradicts itself: a task is done once, by one consumer; use --work event for independent consumers (a fleet of competing workers counts as 1 consumer)`);
  }
  const replaySeconds = parseDuration('--replay', values.replay);
  const retentionSeconds = parseDuration('--retention', values.retention);
  if (work === 'task' && replaySeconds > 0) {
    throw new UsageError('--work task with --replay contradicts itself: a task done once is not re-read; use --work event to replay');
  }
  return { consumers, work, replaySeconds, retentionSeconds };
}

function placeholderWorkload(): Workload {
  return { ratePerSecond: 1, peakFactor: 1, recordBytes: 1, consumers: 1, ordering: 'none', work: 'task', replaySeconds: 0, retentionSeconds: 0, workSeconds: 0, sendBatch: 1, aggregation: 'auto', keyBacklog: 1 };
}
