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

/** Send calls and their billed requests when the producer puts `sendBatch` messages in each call. */
export function sendRequests(messagesPerMonth: number, recordBytes: number, sendBatch: number): { readonly requests: number; readonly perCall: number; readonly chunksPerCall: number } {
  const perCall = Math.max(1, Math.min(sendBatch, messagesPerBatch(recordBytes)));
  const chunksPerCall = billingChunks(perCall * recordBytes);
  return { requests: (messagesPerMonth / perCall) * chunksPerCall, perCall, chunksPerCall };
}

/**
 * Requests a month for `messagesPerMonth`: sends as the producer batches them (`sendBatch`; none
 * for an SNS fan-out queue, written by SNS), and receives and deletes in batches of 10, as the
 * Lambda event source and a batching worker make them.
 */
export function countSqsRequests(messagesPerMonth: number, recordBytes: number, options: { readonly sendBatch: number | null }): SqsRequestCount {
  const perBatch = messagesPerBatch(recordBytes);
  const batches = messagesPerMonth / perBatch;
  const chunksPerBatch = billingChunks(perBatch * recordBytes);
  const send = options.sendBatch === null ? null : sendRequests(messagesPerMonth, recordBytes, options.sendBatch);
  const sends = send === null ? 0 : send.requests;
  const receives = batches * chunksPerBatch;
  // A delete carries only receipt handles: one chunk per DeleteMessageBatch.
  const deletes = batches;
  // Each idle poller long-polls once per 20 s; a poll that finds messages is a receive counted above.
  const pollSlots = (SQS.lambdaPollers * SECONDS_PER_MONTH) / SQS.longPollSeconds;
  const emptyReceives = Math.max(0, pollSlots - batches);
  const arithmetic = [
    send === null
      ? 'sends: none billed to SQS (written by SNS)'
      : `sends, ${send.perCall} message(s) per call as the producer batches them: ${fmt(messagesPerMonth)} / ${send.perCall} x ${send.chunksPerCall} chunk(s) of 64 KB = ${fmt(sends)} requests`,
    `receives in batches of ${perBatch} (10 entries, 1 MiB per call): ${fmt(batches)} calls x ${chunksPerBatch} chunk(s) = ${fmt(receives)} requests`,
    `deletes: ${fmt(deletes)} DeleteMessageBatch requests (1 chunk each)`,
    `empty receives with 20 s long polling: ${SQS.lambdaPollers} pollers x ${fmt(SECONDS_PER_MONTH)} s / 20 s = ${fmt(pollSlots)} poll slots, minus ${fmt(batches)} non-empty = ${fmt(emptyReceives)}`,
  ];
  return { billedRequests: sends + receives + deletes + emptyReceives, arithmetic };
}
