/**
 * The clickstream run's traffic: the planned events written with the real producer, and raw poison
 * records (truncated JSON) written halfway or at the end, so valid records follow them on their
 * shards. Poison must end at the processor's on-failure destination without blocking its shard.
 */
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { putClickstreamEvents } from '../../runtime/clickstream/producer/producer';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import type { PlannedClickstreamTraffic } from './clickstream-target';
import type { StreamPosition } from './on-failure-records';

/** Poison: truncated JSON. The processor reports it as failed, the dashboard skips it. */
export const POISON_RECORD_DATA = Buffer.from('{"type":"page_view","userId":');

/** How to write the traffic. */
export interface ClickstreamProductionOptions {
  readonly kinesis: KinesisClient;
  readonly streamName: string;
  readonly poisonRecords: number;
  /** Write the poison records after all events, or halfway. */
  readonly poisonPlacement: 'end' | 'middle';
  readonly label: string;
  readonly log: (line: string) => void;
  /** Called after each PutRecords call with the events written so far. @default none */
  readonly onProduced?: (written: number, total: number) => void;
  /** Called with how many poison records the stream accepted, right after they are written. @default none */
  readonly onPoison?: (written: number) => void;
}

/** What was written. */
export interface ClickstreamProduction {
  readonly sent: number;
  readonly undeliverable: number;
  readonly putRecordsCalls: number;
  /** Kinesis records that carried the valid events: fewer than `sent` where the producer aggregated a key's backlog. */
  readonly kinesisRecords: number;
  /** The events the stream accepted, in production order. */
  readonly delivered: readonly ClickstreamEvent[];
  /** Where each poison record landed. */
  readonly poison: readonly StreamPosition[];
}

/** Writes the events with the real producer, and the poison records at the end or halfway. */
export async function produceClickstream(traffic: PlannedClickstreamTraffic, options: ClickstreamProductionOptions): Promise<ClickstreamProduction> {
  const { events } = traffic;
  let lastReportedQuarter = 0;
  const produce = (part: readonly ClickstreamEvent[], offset: number) =>
    putClickstreamEvents(part, {
      client: options.kinesis,
      streamName: options.streamName,
      onProgress: ({ sent, undeliverable }) => {
        const written = offset + sent + undeliverable;
        options.onProduced?.(written, events.length);
        const quarter = Math.floor((written / events.length) * 4);
        if (quarter <= lastReportedQuarter) return;
        lastReportedQuarter = quarter;
        options.log(`${options.label}: produced ${offset + sent}/${events.length} events (${undeliverable} undeliverable)`);
      },
    });
  const splitAt = options.poisonPlacement === 'middle' ? Math.floor(events.length / 2) : events.length;
  const first = await produce(events.slice(0, splitAt), 0);
  const poison = await writePoison(options, traffic.partitionKeyPrefix);
  if (poison.length > 0) options.onPoison?.(poison.length);
  const second = splitAt < events.length ? await produce(events.slice(splitAt), splitAt) : { sent: 0, undeliverable: [], calls: 0, kinesisRecords: 0 };
  const undeliverable = new Set([...first.undeliverable.map((record) => record.index), ...second.undeliverable.map((record) => record.index + splitAt)]);
  return {
    sent: first.sent + second.sent,
    undeliverable: undeliverable.size,
    putRecordsCalls: first.calls + second.calls,
    kinesisRecords: first.kinesisRecords + second.kinesisRecords,
    delivered: events.filter((_event, index) => !undeliverable.has(index)),
    poison,
  };
}

async function writePoison(options: ClickstreamProductionOptions, partitionKeyPrefix: string): Promise<StreamPosition[]> {
  if (options.poisonRecords === 0) return [];
  const result = await options.kinesis.send(
    new PutRecordsCommand({
      StreamName: options.streamName,
      Records: Array.from({ length: options.poisonRecords }, (_unused, index) => ({ Data: POISON_RECORD_DATA, PartitionKey: `${partitionKeyPrefix}poison-${index}` })),
    }),
  );
  return (result.Records ?? []).flatMap((entry) =>
    entry.ErrorCode === undefined && entry.SequenceNumber !== undefined && entry.ShardId !== undefined ? [{ shardId: entry.ShardId, sequenceNumber: entry.SequenceNumber }] : [],
  );
}
