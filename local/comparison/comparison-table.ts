/**
 * The comparison table `npm start` ends with: one row per dimension of issue 4 (who gets a message,
 * ordering, replay, failure handling, scaling unit), SQS on the left, Kinesis in the middle, Kafka on the right.
 * Every cell is rendered from the ComparisonResult of the run; `n/a` marks a figure the target
 * could not observe. Pure, so it is unit-tested.
 */
import type { ComparisonResult } from './comparison-result';
import { kafkaCells } from './kafka-comparison-rows';

/** A row: the dimension and the lines of each side. */
export interface ComparisonRow {
  readonly dimension: string;
  readonly sqs: readonly string[];
  readonly kinesis: readonly string[];
  readonly kafka: readonly string[];
}

/** Column widths (characters): the dimension, then each side (three sides stay within about 160 columns). */
const DIMENSION_WIDTH = 18;
const SIDE_WIDTH = 44;

const figure = (value: number | null | undefined): string => (value === null || value === undefined ? 'n/a' : String(value));
const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;
const yesNo = (value: boolean | null): string => (value === null ? 'n/a' : value ? 'yes' : 'NO');
/** `shardId-000000000001` → `shard 1`; other names stay as they are. */
const shardLabel = (name: string): string => name.replace(/^shardId-(\d+)$/, (_match, digits: string) => `shard ${Number(digits)}`);

function counts(record: Readonly<Record<string, number>> | null): string {
  if (record === null) return 'n/a';
  return Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
    .map(([name, count]) => `${shardLabel(name)}: ${count}`)
    .join(', ');
}

/** The archive's share of row 1, when the run observed it (the embedded run reads its bucket). */
function archiveLines(clickstream: ComparisonResult['clickstream']): string[] {
  if (clickstream.consumers.archive === undefined) return [];
  const delivery = clickstream.archive;
  return [
    `archive (Firehose to S3) ${figure(clickstream.consumers.archive?.seen)} in ${figure(delivery?.objects)} object(s),`,
    `duplicates ${figure(delivery?.duplicates)} (at-least-once)`,
  ];
}

/** The five rows, each cell computed from `result`. */
export function comparisonRows(result: ComparisonResult): ComparisonRow[] {
  const kafka = kafkaCells(result.kafka);
  return twoColumnRows(result).map((row, index) => ({ ...row, kafka: kafka[index] ?? [] }));
}

function twoColumnRows(result: ComparisonResult): Omit<ComparisonRow, 'kafka'>[] {
  const { email, clickstream } = result;
  const { processor, dashboard, replay } = clickstream.consumers;
  const hot = clickstream.hotKey;
  return [
    {
      dimension: '1. Who gets it',
      sqs: [
        'each job goes to ONE competing worker',
        `per worker: ${counts(email.perWorker)}`,
        `delivered ${email.delivered}, duplicates ${figure(email.duplicates)}`,
      ],
      kinesis: [
        'EVERY consumer sees every record',
        `produced ${clickstream.produced}; seen by processor ${figure(processor?.seen)},`,
        `dashboard ${figure(dashboard?.seen)}, replay ${figure(replay?.seen)}`,
        ...archiveLines(clickstream),
      ],
    },
    {
      dimension: '2. Ordering',
      sqs: ['standard queue: no order', `adjacent deliveries out of enqueue order: ${figure(email.orderInversions)}`],
      kinesis: [
        `per-user order inversions: ${clickstream.perUserOrderInversions}`,
        `cross-shard interleavings: ${figure(clickstream.crossShardInterleavings)}`,
        '(order per partition key, not global)',
      ],
    },
    {
      dimension: '3. Replay',
      sqs: ['a deleted message is gone', `receivable after the run: ${figure(email.receivableAfterRun)}`],
      kinesis: [
        'a later reader from TRIM_HORIZON re-reads all',
        `replay saw ${figure(replay?.seen)}; same aggregates: ${yesNo(clickstream.replayAggregatesEqual)}`,
      ],
    },
    {
      dimension: '4. Failure',
      sqs: [
        `malformed: ${email.malformedDeadLettered}/${email.malformed} to the DLQ at once`,
        `failing jobs: ${figure(email.redeliveries)} redeliveries (receive count`,
        `up to ${figure(email.highestReceiveCount)}), then ${figure(email.redrivenAfterMaxReceives)} redriven to the DLQ`,
        `DLQ total ${email.deadLettered}; lost ${figure(email.lost)}`,
      ],
      kinesis: [
        `poison: ${figure(clickstream.failedProcessorInvocations)} failed invocations, ${figure(clickstream.poisonDeliveriesToProcessor)} poison`,
        'deliveries (retries + bisect halves), then',
        `${clickstream.poison === null ? 'n/a' : `${clickstream.poison.atOnFailureDestination}/${clickstream.poison.written}`} at the on-failure destination;`,
        `shard kept moving: ${figure(clickstream.recordsAfterPoisonOnItsShard)} records after the poison`,
      ],
    },
    {
      dimension: '5. Scaling unit',
      sqs: [
        'the worker: added while the backlog is high',
        `workers: ${email.workers === null ? 'n/a' : `${email.workers.initial} at start, ${email.workers.peak} at peak`}`,
      ],
      kinesis: [
        'the shard, chosen by the partition key',
        `per shard: ${counts(clickstream.perShard)}`,
        hot === null
          ? 'hot key: n/a'
          : `hot key ${hot.userId}: ${percent(hot.shareOfRecords)} of records, ${percent(hot.shareOfShard)} of ${shardLabel(hot.shardId)}`,
      ],
    },
  ];
}

/** Wraps text to `width`, breaking at spaces. */
function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current.length > 0 && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current.length === 0 ? word : `${current} ${word}`;
  }
  out.push(current);
  return out;
}

/** The table as text. */
export function formatComparisonTable(result: ComparisonResult): string {
  const side = `${'-'.repeat(SIDE_WIDTH + 2)}+`;
  const separator = `+${'-'.repeat(DIMENSION_WIDTH + 2)}+${side}${side}${side}`;
  const line = (dimension: string, sides: readonly string[]): string =>
    `| ${dimension.padEnd(DIMENSION_WIDTH)} |${sides.map((text) => ` ${text.padEnd(SIDE_WIDTH)} |`).join('')}`;
  const heads = ['SQS task queue (email worker)', 'Kinesis stream (clickstream)', 'Kafka topic (clickstream, MSK)'];
  const out = [separator, line(`target: ${result.target}`, heads), separator];
  for (const row of comparisonRows(result)) {
    const columns = [row.sqs, row.kinesis, row.kafka].map((lines) => lines.flatMap((text) => wrap(text, SIDE_WIDTH)));
    const height = Math.max(...columns.map((lines) => lines.length));
    for (let index = 0; index < height; index += 1) {
      out.push(line(index === 0 ? row.dimension : '', columns.map((lines) => lines[index] ?? '')));
    }
    out.push(separator);
  }
  return out.join('\n');
}
