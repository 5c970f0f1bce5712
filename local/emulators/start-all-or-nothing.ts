/**
 * Starts several emulators side by side, all or nothing. `Promise.all` rejects on the first failed
 * start and drops the others: they kept running, unowned (11 orphaned dynalite and kinesis-local
 * processes after one run). Here every start is waited for, and when any fails, the ones that did
 * start are stopped before the failure is thrown.
 */
import { EnvironmentError } from '../../runtime/shared/errors';

/** Anything a start resolves to that can be stopped again. */
export interface Stoppable {
  stop(): Promise<void>;
}

/** Several starts failed at once: the first failure is the message, every failure is kept. */
export class EmulatorStartsFailedError extends EnvironmentError {
  constructor(readonly failures: readonly unknown[]) {
    super(`${failures.length} emulators failed to start; first: ${messageOf(failures[0])}`, { cause: failures[0] });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Resolves to every started value, in order, once all starts succeeded. If any start fails, stops
 * every one that succeeded, then throws that failure (or an EmulatorStartsFailedError when
 * several failed).
 */
export async function startAllOrNothing<T extends readonly Stoppable[]>(starts: { readonly [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(starts);
  const failures = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  const started = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  if (failures.length === 0) return started as unknown as T;
  // allSettled: one stop that fails must not leave the others running.
  await Promise.allSettled(started.map((emulator) => emulator.stop()));
  throw failures.length === 1 ? failures[0] : new EmulatorStartsFailedError(failures);
}
