/**
 * The consumers' side of capacity: how many records must be in progress at once (peak rate x work
 * time), and how many of them each kind of option lets run. Ordering is what limits it: a strict
 * global order allows one record at a time everywhere; a shard or partition gives one ordered reader.
 */
import { KINESIS, SQS, SQS_PROVISIONED_POLLERS } from '../capacity-limits';
import { fmt } from '../option-estimate';
import { peakConcurrency, peakRate, type Workload } from '../workload';

/** Records in progress at once at the peak, rounded up to whole workers (0 when the work time is not stated). */
export function workersNeeded(workload: Workload): number {
  return Math.ceil(peakConcurrency(workload) - 1e-9);
}

/** "200 rec/s x 500 ms = 100 records in progress at once". */
export function concurrencyArithmetic(workload: Workload): string {
  return `${fmt(peakRate(workload))} rec/s at the peak x ${fmt(workload.workSeconds * 1_000)} ms of work = ${fmt(workersNeeded(workload))} record(s) in progress at once`;
}

/** Strict global order processes one record at a time, whatever carries it. */
export function strictOrderConcurrencyViolation(workload: Workload): string[] {
  if (workload.ordering !== 'strict' || workersNeeded(workload) <= 1) return [];
  return [`strict global order lets one record be processed at a time, but ${concurrencyArithmetic(workload)}: no option can keep up; relax to per-key order or shorten the work`];
}

/** Shards a Kinesis stream needs so its readers can keep up: up to 10 concurrent batches per shard with Lambda's ParallelizationFactor. */
export function kinesisShardsForConcurrency(workload: Workload): number {
  if (workload.ordering === 'strict') return 1;
  return Math.max(1, Math.ceil(workersNeeded(workload) / KINESIS.maxReadersPerShard));
}

/** Partitions a Kafka topic needs: one consumer-group member (or one Lambda invocation) per partition. */
export function kafkaPartitionsForConcurrency(workload: Workload): number {
  if (workload.ordering === 'strict') return 1;
  return Math.max(1, workersNeeded(workload));
}

/** What a queue gives the workers: sizing lines (not limits; a queue has no shard to split). */
export function queueConcurrencyNotes(workload: Workload, fifo: boolean): string[] {
  const needed = workersNeeded(workload);
  if (needed === 0) return [];
  const notes = [`consumers: ${concurrencyArithmetic(workload)}`];
  if (fifo && workload.ordering === 'per-key') notes.push('a FIFO queue runs one message per message group at a time: the keys must number at least that many');
  if (needed > SQS.lambdaMaxConcurrency) {
    notes.push(`above the Lambda SQS event source's MaximumConcurrency of ${fmt(SQS.lambdaMaxConcurrency)}: run container workers polling the queue (no cap), or several functions`);
  } else {
    notes.push(`the Lambda SQS event source covers it with MaximumConcurrency ${Math.max(2, needed)} (2 to 1,000); container workers have no cap`);
  }
  const pollers = Math.ceil(needed / SQS_PROVISIONED_POLLERS.pollerConcurrentInvocations);
  if (workload.peakFactor > 1 || needed >= 100) {
    notes.push(`for sudden peaks the SQS event source's provisioned mode keeps pollers warm (about ${pollers} at 10 concurrent invocations each); it is billed in event poller units, is not in this total, and replaces MaximumConcurrency`);
  }
  return notes;
}
