/**
 * Exit codes of `npm start`: 2 for what the user must fix (a bad flag, an unknown target, a stack
 * that is not deployed or lacks an output), 3 when the target does not answer or the SDK has no
 * region or credentials for it, 1 for anything else. Errors are matched by `name`, so
 * errors thrown by `local/remote/` map without this file importing it.
 */

import type { ComparisonResult } from './comparison-result';
import { isKafkaNotRun } from './kafka-comparison';

/** Usage problems: the message says what to change. */
export const USAGE_EXIT_CODE = 2;
/** Any other failure. */
export const FAILURE_EXIT_CODE = 1;
/** The target cannot be reached or the SDK is not configured for it: the message says what to do. */
export const TARGET_EXIT_CODE = 3;

/** Names of the errors a user fixes by changing the command or deploying the stacks. */
export const USAGE_ERROR_NAMES: ReadonlySet<string> = new Set([
  'UsageError',
  'MissingStackOutputError',
  'StackNotFoundError',
  'UnknownTargetError',
]);

/** Names of the errors about reaching a deployed target (local/remote/target-errors.ts). */
export const TARGET_ERROR_NAMES: ReadonlySet<string> = new Set(['TargetUnreachableError', 'TargetNotConfiguredError']);

/** 2 for a usage problem, 3 for an unreachable or unconfigured target, 1 for anything else. */
export function exitCodeFor(error: unknown): number {
  if (!(error instanceof Error)) return FAILURE_EXIT_CODE;
  if (USAGE_ERROR_NAMES.has(error.name)) return USAGE_EXIT_CODE;
  return TARGET_ERROR_NAMES.has(error.name) ? TARGET_EXIT_CODE : FAILURE_EXIT_CODE;
}

/**
 * The exit code of a run that completed: 1 when an expectation was not met; else the Kafka column's
 * code when this machine could not run it (3: brokers outside its network, MSK absent on
 * LocalStack; its reason is in the table), else 0.
 */
export function completedRunExitCode(result: Pick<ComparisonResult, 'kafka'>, unmet: readonly string[]): number {
  if (unmet.length > 0) return FAILURE_EXIT_CODE;
  return result.kafka !== undefined && isKafkaNotRun(result.kafka) ? (result.kafka.exitCode ?? 0) : 0;
}
