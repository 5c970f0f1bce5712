/**
 * The recommendation, as an architect makes it: fit before price. Among the options that meet
 * every requirement, tasks go to a queue unless a stream is much cheaper (STREAM_FOR_TASKS), and
 * every rule that shaped the answer is given with its numbers.
 */
import { fmt, isQueue, type OptionEstimate, type OptionName } from './option-estimate';
import { concurrencyArithmetic, workersNeeded } from './options/consumer-concurrency';
import { writeShards } from './options/kinesis-sizing';
import { keepSeconds, type Workload } from './workload';

export interface Reason {
  /** The rule's id, stable for --json consumers. */
  readonly rule: 'consumers' | 'ordering' | 'replay' | 'concurrency' | 'capacity' | 'cheapest' | 'fit' | 'fits-less' | 'nothing-fits';
  readonly message: string;
}

export interface Recommendation {
  /** null when no option meets every requirement. */
  readonly option: OptionName | null;
  readonly monthlyUsd: number | null;
  readonly reasons: readonly Reason[];
}

/**
 * For work done once per record (`--work task`), a stream or topic is recommended over a fitting
 * queue only when it costs at most a third of it AND saves at least USD 100 a month: below that,
 * the queue's per-message retries, dead-letter queue and unlimited competing workers are worth more
 * than the saving, and a failing record does not hold up a shard or partition.
 */
export const STREAM_FOR_TASKS = { minCostRatio: 3, minSavingUsd: 100 } as const;

const usd = (value: number): string => `USD ${value.toFixed(2)}`;

function requirementReasons(workload: Workload): Reason[] {
  const reasons: Reason[] = [];
  if (workload.work === 'event' && workload.consumers > 1) {
    reasons.push({ rule: 'consumers', message: `${workload.consumers} independent consumers: SQS needs SNS fan-out to ${workload.consumers} queues; a stream or a Kafka topic lets each consumer read every record at its own position` });
  } else {
    reasons.push({ rule: 'consumers', message: workload.work === 'task' ? 'each unit of work is done once by whichever worker is free: a queue is the natural fit' : 'one consumer reads every record' });
  }
  if (workload.ordering === 'strict') reasons.push({ rule: 'ordering', message: 'strict global order caps throughput at one shard, one FIFO group or one partition, and processing at one record at a time' });
  if (workload.ordering === 'per-key') reasons.push({ rule: 'ordering', message: 'per-key order: SQS FIFO message groups, a Kinesis partition key or a Kafka message key; a standard queue keeps none' });
  if (workload.replaySeconds > 0) {
    reasons.push({ rule: 'replay', message: `replay of ${fmt(workload.replaySeconds / 3_600)} h: a deleted SQS message is gone; a stream must keep records ${fmt(keepSeconds(workload) / 3_600)} h` });
  }
  reasons.push(
    workersNeeded(workload) > 0
      ? { rule: 'concurrency', message: `${concurrencyArithmetic(workload)}: SQS serves any number of workers (Lambda up to MaximumConcurrency 1,000); a Kinesis shard gives one ordered reader, 10 with ParallelizationFactor; a Kafka partition one group member` }
      : { rule: 'concurrency', message: 'time per record not given (--work-time): the consumers\' concurrency was not checked' },
  );
  return reasons;
}

/** The capacity rule, for the recommended option only. */
function capacityReason(workload: Workload, best: OptionEstimate): Reason[] {
  if (best.option === 'kinesis-provisioned') return [{ rule: 'capacity', message: writeShards(workload).because }];
  if (best.option.startsWith('msk')) return [{ rule: 'capacity', message: best.why[0] ?? '' }];
  return [];
}

/** Picks between the cheapest fitting queue and the cheapest fitting stream for task work. */
function chooseForTasks(queue: OptionEstimate | undefined, stream: OptionEstimate | undefined): { readonly best: OptionEstimate; readonly reasons: Reason[] } | undefined {
  if (queue === undefined || stream === undefined) return undefined;
  const ratio = queue.monthlyUsd / stream.monthlyUsd;
  const saving = queue.monthlyUsd - stream.monthlyUsd;
  const rule = `a stream wins tasks only at >= ${STREAM_FOR_TASKS.minCostRatio}x cheaper and >= USD ${STREAM_FOR_TASKS.minSavingUsd}/month saved`;
  if (ratio >= STREAM_FOR_TASKS.minCostRatio && saving >= STREAM_FOR_TASKS.minSavingUsd) {
    return { best: stream, reasons: [{ rule: 'fit', message: `${stream.option} at ${usd(stream.monthlyUsd)} is ${fmt(ratio)}x cheaper than ${queue.option} at ${usd(queue.monthlyUsd)} (saves ${usd(saving)}/month; ${rule}). The trade-off: a failing record holds up its shard or partition until retries run out, with no per-message dead-letter queue; build retries, bisecting and an on-failure destination` }] };
  }
  const why = stream.monthlyUsd < queue.monthlyUsd ? `it saves ${usd(saving)}/month (${fmt(ratio)}x), short of the threshold (${rule})` : `it costs more (${usd(stream.monthlyUsd)})`;
  return { best: queue, reasons: [{ rule: 'fits-less', message: `${stream.option} fits less: a failing record holds up a whole shard or partition, and there is no per-message retry or dead-letter queue; ${why}` }] };
}

/** FIFO queues and topics bring throughput caps and deduplication ids; with no order asked they are chosen only if nothing else fits. */
const FIFO_OPTIONS: readonly OptionName[] = ['sqs-fifo', 'sns-sqs-fifo-fanout'];

/** The options the recommendation chooses from: those that meet every requirement, FIFO ones only when order is asked or nothing else fits. */
export function candidates(workload: Workload, options: readonly OptionEstimate[]): OptionEstimate[] {
  const feasible = [...options].filter((option) => option.feasible).sort((a, b) => a.monthlyUsd - b.monthlyUsd);
  const unordered = feasible.filter((option) => !FIFO_OPTIONS.includes(option.option));
  return workload.ordering === 'none' && unordered.length > 0 ? unordered : feasible;
}

export function recommend(workload: Workload, options: readonly OptionEstimate[]): Recommendation {
  const reasons = requirementReasons(workload);
  const feasible = candidates(workload, options);
  const cheapest = feasible[0];
  if (cheapest === undefined) {
    return { option: null, monthlyUsd: null, reasons: [...reasons, { rule: 'nothing-fits', message: 'no option meets every requirement: relax ordering, replay, size or work time (see each option\'s why)' }] };
  }
  const task = workload.work === 'task' ? chooseForTasks(feasible.find((o) => isQueue(o.option)), feasible.find((o) => !isQueue(o.option))) : undefined;
  const best = task?.best ?? cheapest;
  const runnerUp = feasible.find((option) => option !== best);
  const versus = runnerUp === undefined ? 'the only option that meets every requirement' : `next: ${runnerUp.option} at ${usd(runnerUp.monthlyUsd)}/month`;
  const choice: Reason = best === cheapest
    ? { rule: 'cheapest', message: `cheapest option that meets every requirement: ${best.option} at ${usd(best.monthlyUsd)}/month (${versus})` }
    : { rule: 'cheapest', message: `${best.option} at ${usd(best.monthlyUsd)}/month: the fitting choice; cheapest overall is ${cheapest.option} at ${usd(cheapest.monthlyUsd)}/month` };
  return { option: best.option, monthlyUsd: best.monthlyUsd, reasons: [...reasons, ...capacityReason(workload, best), choice, ...(task?.reasons ?? [])] };
}
