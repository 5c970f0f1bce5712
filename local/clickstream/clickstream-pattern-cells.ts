/**
 * The Kinesis clickstream's answers to the five questions, its promises and what each of its
 * figures counts, all read from its part of the comparison (ClickstreamComparison). Pure.
 */
import type { ClickstreamComparison } from '../comparison/comparison-result';
import { countsOrNa, figure, percent, yesNo } from '../comparison/format-counts';
import type { QuestionCells } from '../patterns/five-questions';

/** `shardId-000000000001` → `shard 1`; other names stay as they are. */
export const shardLabel = (name: string): string => name.replace(/^shardId-(\d+)$/, (_match, digits: string) => `shard ${Number(digits)}`);

/** The archive's share of row 1, when the run observed it (the embedded run reads its bucket). */
function archiveLines(clickstream: ClickstreamComparison): string[] {
  if (clickstream.consumers.archive === undefined) return [];
  const delivery = clickstream.archive;
  return [
    `archive (Firehose to S3) ${figure(clickstream.consumers.archive?.seen)} in ${figure(delivery?.objects)} object(s),`,
    `duplicates ${figure(delivery?.duplicates)} (at-least-once)`,
  ];
}

function failureLines(clickstream: ClickstreamComparison): string[] {
  const { poison } = clickstream;
  return [
    `poison: ${figure(clickstream.failedProcessorInvocations)} failed invocations, ${figure(clickstream.poisonDeliveriesToProcessor)} poison`,
    'deliveries (retries + bisect halves), then',
    `${poison === null ? 'n/a' : `${poison.atOnFailureDestination}/${poison.written}`} at the on-failure destination;`,
    `shard kept moving: ${figure(clickstream.recordsAfterPoisonOnItsShard)} records after the poison`,
  ];
}

/** The Kinesis column's cells. */
export function clickstreamCells(clickstream: ClickstreamComparison): QuestionCells {
  const { processor, dashboard, replay } = clickstream.consumers;
  const hot = clickstream.hotKey;
  return {
    who: [
      'EVERY consumer sees every record',
      `produced ${clickstream.produced}; seen by processor ${figure(processor?.seen)},`,
      `dashboard ${figure(dashboard?.seen)}, replay ${figure(replay?.seen)}`,
      ...archiveLines(clickstream),
    ],
    ordering: [
      `per-user order inversions: ${clickstream.perUserOrderInversions}`,
      `cross-shard interleavings: ${figure(clickstream.crossShardInterleavings)}`,
      '(order per partition key, not global)',
    ],
    replay: ['a later reader from TRIM_HORIZON re-reads all', `replay saw ${figure(replay?.seen)}; same aggregates: ${yesNo(clickstream.replayAggregatesEqual)}`],
    failure: failureLines(clickstream),
    scaling: [
      'the shard, chosen by the partition key',
      `per shard: ${countsOrNa(clickstream.perShard, '', shardLabel)}`,
      hot === null ? 'hot key: n/a' : `hot key ${hot.userId}: ${percent(hot.shareOfRecords)} of records, ${percent(hot.shareOfShard)} of ${shardLabel(hot.shardId)}`,
    ],
  };
}

/** Each broken promise of the Kinesis clickstream; a figure the target could not observe is not checked. */
export function unmetClickstreamExpectations(clickstream: ClickstreamComparison): string[] {
  const unmet: string[] = [];
  for (const [name, consumer] of Object.entries(clickstream.consumers)) {
    if (consumer !== null && consumer.seen !== clickstream.produced) unmet.push(`clickstream: ${name} saw ${consumer.seen} of ${clickstream.produced} events`);
  }
  if (clickstream.perUserOrderInversions !== 0) unmet.push(`clickstream: ${clickstream.perUserOrderInversions} per-user order inversions (expected 0)`);
  if (clickstream.replayAggregatesEqual === false) unmet.push('clickstream: the replay did not reproduce the aggregates');
  const { poison } = clickstream;
  if (poison !== null && poison.atOnFailureDestination !== poison.written) {
    unmet.push(`clickstream: ${poison.atOnFailureDestination} of ${poison.written} poison records at the on-failure destination`);
  }
  return unmet;
}

/** What each figure of the Kinesis column counts. */
export const CLICKSTREAM_FIGURES: Readonly<Record<string, string>> = {
  produced: 'valid events written to the stream (poison records not included)',
  seen:
    'distinct valid events a consumer took in: processor = events of the users whose stored session equals the fold of their events (session table); dashboard (enhanced fan-out) = records its handler was handed (local consumers only); replay = a read of the stream from TRIM_HORIZON',
  archive: 'distinct valid events in the archive bucket\'s objects; duplicates are records found more than once (Firehose is at-least-once)',
  'per-user order inversions':
    'first reads of a user\'s event after a later event of the same user (dashboard, replay), plus the users whose stored session differs from the in-order fold (processor); expect 0',
  'cross-shard interleavings':
    'adjacent first deliveries to the processor whose production order is reversed (> 0: a shard keeps its records in order, the stream as a whole does not)',
  'same aggregates': 'the replay\'s per-minute aggregates equal those of the produced data, and the dashboard\'s where its records are seen',
  'failed invocations': 'processor invocations that failed and were retried or bisected',
  'poison deliveries': 'the processor\'s InvalidEvents EMF metric: deliveries of poison records to it, retries and bisected halves included',
  'at the on-failure destination': 'poison records found on the on-failure queue, of those written',
  'records after the poison': 'valid records behind the first poison record of a shard whose user\'s session the processor completed (> 0: the shard kept moving)',
  'per shard': 'valid events per shard, read from the stream',
  'hot key': 'the hot user\'s share of all records, and of the records of its shard',
};
