/**
 * The recommendation: the cheapest option that meets every requirement, and the rules (with their
 * numbers) that shaped the field.
 */
import { fmt, type OptionEstimate, type OptionName } from './option-estimate';
import { writeShards } from './options/kinesis-sizing';
import { keepSeconds, type Workload } from './workload';

export interface Reason {
  /** The rule's id, stable for --json consumers. */
  readonly rule: 'consumers' | 'ordering' | 'replay' | 'capacity' | 'cheapest' | 'fit' | 'nothing-fits';
  readonly message: string;
}

export interface Recommendation {
  /** null when no option meets every requirement. */
  readonly option: OptionName | null;
  readonly monthlyUsd: number | null;
  readonly reasons: readonly Reason[];
}

function requirementReasons(workload: Workload): Reason[] {
  const reasons: Reason[] = [];
  if (workload.work === 'event' && workload.consumers > 1) {
    reasons.push({ rule: 'consumers', message: `${workload.consumers} independent consumers: SQS needs SNS fan-out to ${workload.consumers} queues; a stream or a Kafka topic lets each consumer read every record at its own position` });
  } else {
    reasons.push({ rule: 'consumers', message: workload.work === 'task' ? 'each unit of work is done once by whichever worker is free: a queue is the natural fit' : 'one consumer reads every record' });
  }
  if (workload.ordering === 'strict') reasons.push({ rule: 'ordering', message: 'strict global order caps throughput at one shard, one FIFO group or one partition' });
  if (workload.ordering === 'per-key') reasons.push({ rule: 'ordering', message: 'per-key order: SQS FIFO message groups, a Kinesis partition key or a Kafka message key; a standard queue keeps none' });
  if (workload.replaySeconds > 0) {
    reasons.push({ rule: 'replay', message: `replay of ${fmt(workload.replaySeconds / 3_600)} h: a deleted SQS message is gone; a stream must keep records ${fmt(keepSeconds(workload) / 3_600)} h` });
  }
  reasons.push({ rule: 'capacity', message: writeShards(workload).because });
  return reasons;
}

export function recommend(workload: Workload, options: readonly OptionEstimate[]): Recommendation {
  const reasons = requirementReasons(workload);
  const feasible = [...options].filter((option) => option.feasible).sort((a, b) => a.monthlyUsd - b.monthlyUsd);
  const [best, runnerUp] = feasible;
  if (best === undefined) {
    return { option: null, monthlyUsd: null, reasons: [...reasons, { rule: 'nothing-fits', message: 'no option meets every requirement: relax ordering, replay or size (see each option\'s why)' }] };
  }
  const caveats: Reason[] = [];
  if (workload.work === 'task' && !best.option.startsWith('sqs') && !best.option.startsWith('sns')) {
    caveats.push({ rule: 'fit', message: `cheaper here, but ${best.option} is a stream: a failing record holds up its shard or partition until retries run out, where a queue retries and dead-letters each message on its own; weigh that against the difference in price` });
  }
  const versus = runnerUp === undefined ? 'the only option that meets every requirement' : `next: ${runnerUp.option} at USD ${runnerUp.monthlyUsd.toFixed(2)}/month`;
  return {
    option: best.option,
    monthlyUsd: best.monthlyUsd,
    reasons: [...reasons, { rule: 'cheapest', message: `cheapest option that meets every requirement: ${best.option} at USD ${best.monthlyUsd.toFixed(2)}/month (${versus})` }, ...caveats],
  };
}
