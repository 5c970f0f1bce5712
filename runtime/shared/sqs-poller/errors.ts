/**
 * A job that outlived its time budget; transient: its message is left to SQS and retried. Plain
 * `Error`: the poller handles it and it never ends a process.
 */
export class JobTimeoutError extends Error {
  override readonly name = 'JobTimeoutError';
  constructor(
    readonly messageId: string,
    readonly timeoutMs: number,
  ) {
    super(`message ${messageId} did not finish within ${timeoutMs} ms`);
  }
}
