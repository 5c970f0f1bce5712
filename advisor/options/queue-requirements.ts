/** The requirements no SQS queue can meet, whatever its type: replay, long retention, big messages. */
import { SQS } from '../capacity-limits';
import { fmt } from '../option-estimate';
import type { Workload } from '../workload';

/** Reasons a queue (standard or FIFO) cannot serve this workload, apart from order and fan-out. */
export function queueLimitViolations(workload: Workload): string[] {
  const reasons: string[] = [];
  if (workload.replaySeconds > 0) reasons.push(`replay of ${fmt(workload.replaySeconds / 3_600)} h asked: an SQS message is gone once deleted, so no consumer can re-read it`);
  if (workload.retentionSeconds > SQS.maxRetentionSeconds) reasons.push(`retention of ${fmt(workload.retentionSeconds / 86_400)} days asked: SQS keeps a message at most 14 days`);
  if (workload.recordBytes > SQS.maxMessageBytes) reasons.push(`records of ${fmt(workload.recordBytes)} B: an SQS message is at most 1 MiB (1,048,576 B)`);
  return reasons;
}

/** A topic in front of a single queue fans out to no one: the producer sends to the queue directly, one hop and one bill fewer. */
export function nothingToFanOut(workload: Workload): string[] {
  if (workload.work === 'event' && workload.consumers > 1) return [];
  return ['one consumer: nothing to fan out; send to the queue directly (the same retries and DLQ, one hop and one bill fewer)'];
}
