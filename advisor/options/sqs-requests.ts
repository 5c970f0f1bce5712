/**
 * The requests a queue is billed for, shared by SQS standard, SQS FIFO and each queue of an SNS
 * fan-out: batched sends, batched receives, batched deletes and the empty receives of idle long
 * polls, each counted in 64 KB billing chunks.
 */
import { SECONDS_PER_MONTH, SQS } from '../capacity-limits';
import { fmt } from '../option-estimate';

export interface SqsRequestCount {
  /** Billed requests (64 KB chunks) a month. */
  readonly billedRequests: number;
  /** One sentence per kind of request, with its numbers. */
  readonly arithmetic: readonly string[];
}

/** Messages per batch call: 10 entries, and at most 1 MiB of payload per call. */
export function messagesPerBatch(recordBytes: number): number {
  return Math.max(1, Math.min(SQS.batchEntries, Math.floor(SQS.maxMessageBytes / recordBytes)));
}

/** 64 KB chunks in one payload: each chunk is billed as one request. */
export function billingChunks(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / SQS.billingChunkBytes));
}

/**
 * Requests a month for `messagesPerMonth`, with or without the send side (an SNS fan-out queue is
 * written by SNS, whose deliveries to SQS are not billed as SQS sends here).
 */
export function countSqsRequests(messagesPerMonth: number, recordBytes: number, options: { readonly includeSends: boolean }): SqsRequestCount {
  const perBatch = messagesPerBatch(recordBytes);
  const batches = messagesPerMonth / perBatch;
  const chunksPerBatch = billingChunks(perBatch * recordBytes);
  const sends = options.includeSends ? batches * chunksPerBatch : 0;
  const receives = batches * chunksPerBatch;
  // A delete carries only receipt handles: one chunk per DeleteMessageBatch.
  const deletes = batches;
  // Each idle poller long-polls once per 20 s; a poll that finds messages is a receive counted above.
  const pollSlots = (SQS.lambdaPollers * SECONDS_PER_MONTH) / SQS.longPollSeconds;
  const emptyReceives = Math.max(0, pollSlots - batches);
  const arithmetic = [
    `batches of ${perBatch} (10 entries, 1 MiB per call): ${fmt(messagesPerMonth)} messages / ${perBatch} = ${fmt(batches)} batch calls; each carries ${fmt(perBatch * recordBytes)} B = ${chunksPerBatch} billing chunk(s) of 64 KB`,
    options.includeSends ? `sends: ${fmt(batches)} x ${chunksPerBatch} = ${fmt(sends)} requests` : 'sends: none billed to SQS (written by SNS)',
    `receives: ${fmt(batches)} x ${chunksPerBatch} = ${fmt(receives)} requests`,
    `deletes: ${fmt(deletes)} DeleteMessageBatch requests (1 chunk each)`,
    `empty receives with 20 s long polling: ${SQS.lambdaPollers} pollers x ${fmt(SECONDS_PER_MONTH)} s / 20 s = ${fmt(pollSlots)} poll slots, minus ${fmt(batches)} non-empty = ${fmt(emptyReceives)}`,
  ];
  return { billedRequests: sends + receives + deletes + emptyReceives, arithmetic };
}
