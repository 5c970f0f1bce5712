import { exitCodeFor, QueueOrStreamError } from '../../runtime/shared/errors';

/**
 * A component of `npm run dev` failed to start; the message names it. Its exit code is its
 * cause's: 3 when an emulator or the broker could not start (an EnvironmentError), 2 for a
 * configuration mistake, 1 for anything else.
 */
export class DevStartError extends QueueOrStreamError {
  readonly exitCode: number;

  constructor(
    readonly component: string,
    override readonly cause: unknown,
  ) {
    super(`npm run dev: ${component} failed to start: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.exitCode = exitCodeFor(cause);
  }
}
