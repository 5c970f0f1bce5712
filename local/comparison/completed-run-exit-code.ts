import { FAILURE_EXIT_CODE } from '../../runtime/shared/errors';
import type { ComparisonResult } from './comparison-result';
import { isKafkaNotRun } from './kafka-comparison';

/**
 * The exit code of a run that completed: 1 when an expectation was not met; else the Kafka column's
 * code when this machine could not run it (3: brokers outside its network; its reason is in the
 * table), else 0.
 */
export function completedRunExitCode(result: Pick<ComparisonResult, 'kafka'>, unmet: readonly string[]): number {
  if (unmet.length > 0) return FAILURE_EXIT_CODE;
  return result.kafka !== undefined && isKafkaNotRun(result.kafka) ? (result.kafka.exitCode ?? 0) : 0;
}
