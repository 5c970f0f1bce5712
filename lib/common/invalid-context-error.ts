import { ConfigurationError } from '../../runtime/shared/errors';

/**
 * Thrown when a `-c key=value` context value of the CDK app is malformed. The message names the key,
 * the value received and what is allowed, so the fix is obvious from the command line. A
 * ConfigurationError: commands exit with code 2.
 */
export class InvalidContextError extends ConfigurationError {
  constructor(
    /** The context key, e.g. `emailConsumers`. */
    readonly key: string,
    /** The value received (as the CLI passed it). */
    readonly value: unknown,
    /** What is allowed, e.g. `fargate|lambda` or `an integer from 1 to 10`. */
    readonly allowed: string,
  ) {
    super(`Invalid context ${key}=${JSON.stringify(value)}: expected ${allowed} (e.g. -c ${key}=...)`);
  }
}
