/** A command-line mistake (bad flag, bad value, unknown target): the command prints it with its usage and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** The flag at fault, e.g. `--jobs`, when one is. */
    readonly flag?: string,
  ) {
    super(message);
  }
}
