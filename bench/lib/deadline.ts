/** Hard time bounds for benchmark steps: a benchmark must end by itself, whatever it measures. */
import { FAILURE_EXIT_CODE, QueueOrStreamError } from '../../runtime/shared/errors';

/** A step did not finish before its hard deadline. */
export class DeadlineExceededError extends QueueOrStreamError {
  readonly exitCode = FAILURE_EXIT_CODE;

  constructor(
    /** What was being waited for, e.g. `sqs-consumer: all messages deleted`. */
    readonly step: string,
    /** The deadline that passed, in milliseconds. */
    readonly deadlineMs: number,
    /** What had been reached when it passed, e.g. `1200/3000 deleted`. */
    readonly progress: string,
  ) {
    super(`${step}: not done within ${deadlineMs} ms (progress: ${progress})`);
  }
}

/** Options of {@link waitUntil}. */
export interface WaitUntilOptions {
  /** Name of the step, used in the error. */
  readonly step: string;
  /** Give up after this many milliseconds. */
  readonly deadlineMs: number;
  /** Describes progress so far, for the error. @default () => 'unknown' */
  readonly progress?: () => string;
  /** How often the condition is checked. @default 5 */
  readonly checkEveryMs?: number;
}

/**
 * Resolves once `isDone()` is true; rejects with {@link DeadlineExceededError} after the deadline.
 * Checks on a short timer rather than being notified, so the measured code needs no hooks.
 */
export function waitUntil(isDone: () => boolean, options: WaitUntilOptions): Promise<void> {
  const checkEveryMs = options.checkEveryMs ?? 5;
  const giveUpAt = performance.now() + options.deadlineMs;
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (isDone()) {
        resolve();
      } else if (performance.now() >= giveUpAt) {
        reject(new DeadlineExceededError(options.step, options.deadlineMs, options.progress?.() ?? 'unknown'));
      } else {
        setTimeout(check, checkEveryMs);
      }
    };
    check();
  });
}

/** Races `work` against a deadline; the timer never keeps the process alive after `work` settles. */
export async function withDeadline<T>(work: Promise<T>, step: string, deadlineMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(step, deadlineMs, 'still running')), deadlineMs);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
