/** Bad input to `npm run advise`: the CLI prints the message and the usage, and exits with code 2. */
export class AdvisorUsageError extends Error {
  override readonly name = 'AdvisorUsageError';
}
