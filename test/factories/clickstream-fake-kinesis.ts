/**
 * A fake KinesisClient for the producer's unit tests: it records every PutRecords call and fails
 * the entries a test chooses, the way Kinesis reports partial failures (ErrorCode per entry). It
 * deaggregates KPL aggregated records as a consumer would, so `written` lists events, not records.
 * How Kinesis itself behaves is tested against kinesis-local in test/integ.
 */
import type { KinesisClient, PutRecordsCommand, PutRecordsRequestEntry, PutRecordsResultEntry } from '@aws-sdk/client-kinesis';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import { deaggregate } from '../../runtime/shared/kpl/deaggregate';

/** One entry as the fake saw it. */
export interface SeenEntry {
  readonly call: number;
  readonly partitionKey: string;
  /** The entry's first event (its only one unless it is an aggregate). */
  readonly event: ClickstreamEvent;
  /** Every event the entry carries, in order. */
  readonly events: readonly ClickstreamEvent[];
  readonly aggregated: boolean;
  readonly bytes: number;
}

/** Decides an entry's fate: an ErrorCode to fail it, undefined to accept it. */
export type EntryScript = (entry: SeenEntry, attemptOfThisEvent: number) => string | undefined;

export class FakeKinesis {
  readonly calls: SeenEntry[][] = [];
  /** Accepted events in write order (what a reader of the stream would see). */
  readonly written: ClickstreamEvent[] = [];
  private readonly attemptsByEventId = new Map<string, number>();
  private nextSequenceNumber = 1n;

  constructor(private readonly script: EntryScript = () => undefined) {}

  /** The fake, typed as the client the producer takes. */
  get client(): KinesisClient {
    return { send: (command: PutRecordsCommand) => this.putRecords(command.input.Records ?? []) } as unknown as KinesisClient;
  }

  private async putRecords(entries: readonly PutRecordsRequestEntry[]): Promise<{ FailedRecordCount: number; Records: PutRecordsResultEntry[] }> {
    const call = this.calls.length + 1;
    const seen = entries.map((entry): SeenEntry => {
      const data = entry.Data ?? new Uint8Array();
      const partitionKey = entry.PartitionKey ?? '';
      const userRecords = deaggregate({ data, partitionKey });
      const events = userRecords.map((userRecord) => JSON.parse(Buffer.from(userRecord.data).toString('utf8')) as ClickstreamEvent);
      return {
        call,
        partitionKey,
        event: events[0],
        events,
        aggregated: userRecords[0].aggregated,
        bytes: data.byteLength + Buffer.byteLength(partitionKey, 'utf8'),
      };
    });
    this.calls.push(seen);
    // Let other calls interleave, as real network calls would.
    await new Promise((resolve) => setImmediate(resolve));
    const records = seen.map((entry): PutRecordsResultEntry => {
      const attempt = (this.attemptsByEventId.get(entry.event.eventId) ?? 0) + 1;
      this.attemptsByEventId.set(entry.event.eventId, attempt);
      const errorCode = this.script(entry, attempt);
      if (errorCode !== undefined) return { ErrorCode: errorCode, ErrorMessage: `simulated ${errorCode}` };
      this.written.push(...entry.events);
      return { SequenceNumber: String(this.nextSequenceNumber++), ShardId: 'shardId-000000000000' };
    });
    return { FailedRecordCount: records.filter((record) => record.ErrorCode !== undefined).length, Records: records };
  }
}
