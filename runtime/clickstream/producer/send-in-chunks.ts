/**
 * Sends an event stream of any length with flat memory: events are pulled from the iterable a
 * chunk at a time, and only a bounded number of chunks is held (queued or in flight) at once. The
 * producer's per-user queues are shared by its sends, so users' order holds across chunks too.
 */
import type { ClickstreamProducer, ProducerProgress, UndeliverableRecord } from './producer';

/** Options of {@link sendInChunks}. */
export interface SendInChunksOptions {
  /** How many events the iterable yields (for progress). */
  readonly total: number;
  /** Events per `send`. @default 10000 (20 full PutRecords calls) */
  readonly chunkSize?: number;
  /** Chunks queued or in flight at once: two keep the calls full across a chunk boundary. @default 2 */
  readonly maxChunksInFlight?: number;
  /** Undeliverable records kept for the summary (the rest are only counted). @default 10 */
  readonly listLimit?: number;
  /** Called with the totals so far after every call. @default no progress reporting */
  readonly onProgress?: (progress: ProducerProgress) => void;
}

/** What {@link sendInChunks} did. */
export interface ChunkedSendResult {
  readonly sent: number;
  readonly undeliverable: number;
  /** The first undeliverable records, at most `listLimit`, in settling order. */
  readonly listedUndeliverable: readonly UndeliverableRecord[];
  /** PutRecords calls; a call that carried two chunks' records counts for both. */
  readonly calls: number;
  /** Events never handed to the producer, because it had stopped on an error retrying cannot fix. */
  readonly notSent: number;
}

const DEFAULT_CHUNK_SIZE = 10_000;
const DEFAULT_MAX_CHUNKS_IN_FLIGHT = 2;
const DEFAULT_LIST_LIMIT = 10;

/** Pulls, sends and settles `events` chunk by chunk; stops pulling once the producer has halted. */
export async function sendInChunks(
  producer: ClickstreamProducer,
  events: Iterable<unknown>,
  options: SendInChunksOptions,
): Promise<ChunkedSendResult> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const maxChunksInFlight = options.maxChunksInFlight ?? DEFAULT_MAX_CHUNKS_IN_FLIGHT;
  const listLimit = options.listLimit ?? DEFAULT_LIST_LIMIT;
  const settled = { sent: 0, undeliverable: 0, calls: 0 };
  const listed: UndeliverableRecord[] = [];
  const running = new Map<number, ProducerProgress>();
  const inFlight = new Set<Promise<void>>();
  let handedOver = 0;
  let nextChunkId = 0;

  const emit = (): void => {
    const totals = { ...settled };
    for (const progress of running.values()) {
      totals.sent += progress.sent;
      totals.undeliverable += progress.undeliverable;
      totals.calls += progress.calls;
    }
    options.onProgress?.({ total: options.total, ...totals });
  };
  const launch = (chunk: unknown[]): void => {
    const id = nextChunkId++;
    handedOver += chunk.length;
    const done = producer.send(chunk, { onProgress: (progress) => { running.set(id, progress); emit(); } }).then((result) => {
      running.delete(id);
      settled.sent += result.sent;
      settled.undeliverable += result.undeliverable.length;
      settled.calls += result.calls;
      listed.push(...result.undeliverable.slice(0, Math.max(0, listLimit - listed.length)));
      emit();
    });
    inFlight.add(done);
    const forget = (): void => void inFlight.delete(done);
    // Both ways: a rejection is observed by the awaits below, not left unhandled on a side chain.
    done.then(forget, forget);
  };

  let chunk: unknown[] = [];
  for (const event of events) {
    if (producer.haltedBy !== undefined) break;
    chunk.push(event);
    if (chunk.length < chunkSize) continue;
    launch(chunk);
    chunk = [];
    while (inFlight.size >= maxChunksInFlight) await Promise.race(inFlight);
  }
  if (chunk.length > 0 && producer.haltedBy === undefined) launch(chunk);
  await Promise.all(inFlight);
  return { ...settled, listedUndeliverable: listed, notSent: options.total - handedOver };
}
