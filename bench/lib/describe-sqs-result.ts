/** The context line that explains one SQS contender's figure: what it did, and what held it back. */
import type { SqsContenderResult } from './run-sqs-contender';
import { formatCallCounts } from './sqs-call-counter';

/** One line: throughput, concurrency reached, correctness (duplicates, errors), CPU per side, calls. */
export function describeSqsResult(result: SqsContenderResult): string {
  const duplicates = result.jobsRun - result.distinctMessages;
  const emulatorCores = result.cpu.childrenCores?.toFixed(2) ?? 'n/a';
  const { p50Ms, p99Ms } = result.eventLoopDelay;
  const parts = [
    `${result.label}: ${result.messagesPerSecond.toFixed(1)} msgs/s ` +
      `(${result.messageCount} in ${(result.elapsedMs / 1000).toFixed(2)} s)`,
    `peak jobs running ${result.peakInFlight}, peak received-not-deleted ${result.calls.peakUndeleted}`,
    `duplicates ${duplicates}`,
    `errors ${result.errors.length}${result.errors.length > 0 ? ` (first: ${result.errors[0]})` : ''}`,
    `cpu bench ${result.cpu.ownCores.toFixed(2)} / emulator ${emulatorCores} cores`,
    `event-loop delay p50 ${p50Ms.toFixed(1)} / p99 ${p99Ms.toFixed(1)} ms`,
    `calls ${formatCallCounts(result.calls)}`,
  ];
  return parts.join('; ');
}
