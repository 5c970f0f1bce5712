/**
 * Wraps a Kinesis handler to watch what a consumer receives, without changing what it does: unique
 * events seen, per-user order inversions (a user's event arriving after a later one of theirs),
 * and cross-shard interleaving (evidence that a stream has no global order).
 */
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import { decodeClickstreamRecordData } from '../../runtime/shared/clickstream-record-codec';
import { deaggregateLambdaKinesisRecord, type LambdaKinesisUserRecord } from '../../runtime/shared/kpl';
import type { KinesisHandler } from './kinesis-event-source/kinesis-event-source-runner';

/** What one consumer was seen to receive. */
export interface ConsumerObservation {
  /** Distinct valid events delivered at least once. */
  readonly uniqueEventsSeen: number;
  /** Deliveries of an event already delivered (retries, bisects). */
  readonly redeliveries: number;
  /** Records that did not decode as clickstream events (poison). */
  readonly invalidRecordsSeen: number;
  /** First deliveries of a user's event after a later event of the same user. */
  readonly perUserOrderInversions: number;
  /** Adjacent first deliveries whose production order is reversed: > 0 shows there is no global order. */
  readonly crossShardInterleavings: number;
}

/** Where one valid event was first delivered from. */
export interface ShardDelivery {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly userId: string;
}

/** `eventID` of a Kinesis event record is `<shardId>:<sequenceNumber>` (as Lambda builds it). */
function shardIdOf(eventId: string): string {
  return eventId.split(':', 1)[0] ?? eventId;
}

/** Maps each of `produced` to its position in production order; anyone else's events to undefined. */
export function productionIndexLookup(produced: readonly ClickstreamEvent[]): (event: ClickstreamEvent) => number | undefined {
  const positions = new Map(produced.map((event, index) => [event.eventId, index]));
  return (event) => positions.get(event.eventId);
}

/**
 * Watches one consumer; `producedIndexOf` maps an event to its position in production order
 * (undefined: not this run's event, ignored).
 */
export class ConsumerObserver {
  /** Valid events in first-delivery order. */
  readonly events: ClickstreamEvent[] = [];
  /** Each event with its sequence number, in first-delivery order. */
  readonly sequenced: { event: ClickstreamEvent; sequenceNumber: string; subSequenceNumber?: number }[] = [];
  /** The shard and user of each first delivery, in first-delivery order. */
  readonly shardDeliveries: ShardDelivery[] = [];
  private readonly seen = new Set<string>();
  private readonly latestIndexByUser = new Map<string, number>();
  private lastIndex = -1;
  private counts = { redeliveries: 0, invalid: 0, inversions: 0, interleavings: 0 };

  constructor(private readonly producedIndexOf: (event: ClickstreamEvent) => number | undefined) {}

  /** The handler with observation around it; the handler's own response is passed through. */
  wrap(handler: KinesisHandler): KinesisHandler {
    return async (event, context) => {
      for (const record of event.Records) {
        // Consumers see user records: a KPL aggregate is unpacked as the handlers unpack it.
        let userRecords: LambdaKinesisUserRecord[];
        try {
          userRecords = deaggregateLambdaKinesisRecord(record.kinesis);
        } catch {
          this.counts.invalid += 1;
          continue;
        }
        for (const userRecord of userRecords) {
          this.observe(userRecord.data, record.kinesis.sequenceNumber, shardIdOf(record.eventID), userRecord.aggregated ? userRecord.subSequenceNumber : undefined);
        }
      }
      return handler(event, context);
    };
  }

  observation(): ConsumerObservation {
    return {
      uniqueEventsSeen: this.seen.size,
      redeliveries: this.counts.redeliveries,
      invalidRecordsSeen: this.counts.invalid,
      perUserOrderInversions: this.counts.inversions,
      crossShardInterleavings: this.counts.interleavings,
    };
  }

  /**
   * Observes one record as the archive stores it (a line of an archived object). The archive keeps
   * only the bytes, so its shard deliveries carry no shard or sequence number.
   */
  observeArchivedRecord(line: string): void {
    this.observe(Buffer.from(line, 'utf8').toString('base64'), '', 'archive');
  }

  private observe(data: string, sequenceNumber: string, shardId: string, subSequenceNumber?: number): void {
    let event: ClickstreamEvent;
    try {
      event = decodeClickstreamRecordData(data);
    } catch {
      this.counts.invalid += 1;
      return;
    }
    const index = this.producedIndexOf(event);
    if (index === undefined) return;
    if (this.seen.has(event.eventId)) {
      this.counts.redeliveries += 1;
      return;
    }
    this.seen.add(event.eventId);
    this.events.push(event);
    this.sequenced.push(subSequenceNumber === undefined ? { event, sequenceNumber } : { event, sequenceNumber, subSequenceNumber });
    this.shardDeliveries.push({ shardId, sequenceNumber, userId: event.userId });
    if (index < (this.latestIndexByUser.get(event.userId) ?? -1)) this.counts.inversions += 1;
    this.latestIndexByUser.set(event.userId, Math.max(index, this.latestIndexByUser.get(event.userId) ?? -1));
    if (index < this.lastIndex) this.counts.interleavings += 1;
    this.lastIndex = index;
  }
}
