/**
 * The project's error hierarchy. Every error a command reports to a user is one of three kinds, and
 * the kind alone decides the exit code, matched with `instanceof` (never by class-name strings):
 *
 * - {@link UsageError}: the command line is wrong (a bad flag or value). Exit 2.
 * - {@link ConfigurationError}: a value the user set elsewhere is wrong (a construct prop, a `-c`
 *   context value, an environment setting, a stack that is not deployed or lacks an output). Exit 2:
 *   like a usage error, the user fixes it by changing what they passed.
 * - {@link EnvironmentError}: the machine or the target is not ready (a missing tool, an unreachable
 *   endpoint, no credentials). Exit 3: the message says what to install or start.
 *
 * Anything else (a bug, a failed expectation) exits 1. Domain errors that drive behaviour (a
 * permanent job failure, a session write conflict) stay plain `Error` subclasses: they never reach
 * a user's terminal as the reason a command failed.
 *
 * This file lives in runtime/shared, the bottom layer, so lib/, local/, bench/ and advisor/ can all
 * import it without an upward import.
 */

/** Exit code for {@link UsageError} and {@link ConfigurationError}. */
export const USAGE_EXIT_CODE = 2;
/** Exit code for {@link EnvironmentError}. */
export const ENVIRONMENT_EXIT_CODE = 3;
/** Exit code for every other failure. */
export const FAILURE_EXIT_CODE = 1;

/** Base class: sets `name` from the concrete class so logs and stack traces name the real error. */
export abstract class QueueOrStreamError extends Error {
  /** The process exit code a command uses when this error ends it. */
  abstract readonly exitCode: number;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A command-line mistake: a bad flag, a bad value, an unknown target. Printed with the usage; exit 2. */
export class UsageError extends QueueOrStreamError {
  readonly exitCode = USAGE_EXIT_CODE;

  constructor(
    message: string,
    /** The flag at fault, e.g. `--jobs`, when one is. */
    readonly flag?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A value set outside the command line is invalid: a prop, a context value, a setting, a deployment. Exit 2. */
export class ConfigurationError extends QueueOrStreamError {
  readonly exitCode = USAGE_EXIT_CODE;
}

/**
 * An environment variable a runtime reads (a Lambda handler, a worker, a member) is missing or
 * malformed. The message names the variable; the stack sets these, so it points at a deployment or
 * a hand-made local environment.
 */
export class InvalidSettingError extends ConfigurationError {
  // A literal, not the class name: the Lambda bundles are minified.
  override readonly name = 'InvalidSettingError';

  constructor(
    /** The variable, e.g. `SESSION_TABLE_NAME`. */
    readonly variable: string,
    /** What is wrong, e.g. `is required` or `must be a positive integer, got "x"`. */
    readonly problem: string,
  ) {
    super(`Environment variable ${variable} ${problem}`);
  }
}

/** The machine or the target is not ready: a missing tool, an unreachable endpoint, no credentials. Exit 3. */
export class EnvironmentError extends QueueOrStreamError {
  readonly exitCode = ENVIRONMENT_EXIT_CODE;
}

/** 2 for a usage or configuration error, 3 for an environment error, 1 for anything else. */
export function exitCodeFor(error: unknown): number {
  return error instanceof QueueOrStreamError ? error.exitCode : FAILURE_EXIT_CODE;
}
