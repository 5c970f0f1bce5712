/**
 * Exit codes of `npm start`: 2 for what the user must fix (a bad flag, an unknown target, a stack
 * that is not deployed or lacks an output), 1 for anything else. Errors are matched by `name`, so
 * errors thrown by `local/remote/` map without this file importing it.
 */

/** Usage problems: the message says what to change. */
export const USAGE_EXIT_CODE = 2;
/** Any other failure. */
export const FAILURE_EXIT_CODE = 1;

/** Names of the errors a user fixes by changing the command or deploying the stacks. */
export const USAGE_ERROR_NAMES: ReadonlySet<string> = new Set([
  'UsageError',
  'MissingStackOutputError',
  'StackNotFoundError',
  'UnknownTargetError',
]);

/** 2 for a usage problem, 1 for anything else. */
export function exitCodeFor(error: unknown): number {
  return error instanceof Error && USAGE_ERROR_NAMES.has(error.name) ? USAGE_EXIT_CODE : FAILURE_EXIT_CODE;
}
