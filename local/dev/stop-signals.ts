/**
 * When `npm run dev` stops. Ctrl-C in a terminal sends SIGINT to the whole foreground process group,
 * and npm passes it on to the script once more (its run-script forwards SIGINT and SIGTERM), so one
 * Ctrl-C can arrive here twice, milliseconds apart. Treating that echo as a second Ctrl-C exited
 * with 130 in the middle of the ordered stop.
 */
import type { EventEmitter } from 'node:events';

/** Signals that stop `npm run dev`. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** How long a repeated signal counts as the same Ctrl-C (npm's forward, a relayed copy). */
const ECHO_WINDOW_MS = 2_000;

/** Where the signals come from and what a real second Ctrl-C does; tests replace them. */
export interface StopSignalOptions {
  /** @default process */
  readonly source?: Pick<EventEmitter, 'on'>;
  /** Called on a SIGINT that arrives after the echo window. @default exits at once with 130 (the reaper kills every child) */
  readonly onRepeatedInterrupt?: () => void;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default 2000 */
  readonly echoWindowMs?: number;
}

/**
 * Resolves with the first SIGINT or SIGTERM. The listeners stay registered (`on`, not `once`) for
 * the life of the process: the child-process reaper (signal-exit) re-raises a signal that no other
 * listener handles, which would kill this process before it has stopped what it started.
 */
export function untilStopSignal(options: StopSignalOptions = {}): Promise<NodeJS.Signals> {
  const source = options.source ?? process;
  const now = options.now ?? Date.now;
  const echoWindowMs = options.echoWindowMs ?? ECHO_WINDOW_MS;
  const onRepeatedInterrupt = options.onRepeatedInterrupt ?? ((): never => process.exit(130));
  let firstAt: number | undefined;
  return new Promise((resolve) => {
    for (const signal of STOP_SIGNALS) {
      source.on(signal, () => {
        if (firstAt === undefined) {
          firstAt = now();
          resolve(signal);
        } else if (signal === 'SIGINT' && now() - firstAt > echoWindowMs) {
          onRepeatedInterrupt();
        }
      });
    }
  });
}
