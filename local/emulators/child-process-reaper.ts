import type { ChildProcess } from 'node:child_process';
import { onExit } from 'signal-exit';

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Last resort for every child process `local/` starts: SIGKILL it when the parent exits, even on an
 * uncaught error or when the parent is stopped by a signal (SIGINT, SIGTERM, SIGHUP), so no
 * emulator or consumer outlives the run. Forgets the child once it exits.
 *
 * `signal-exit` re-raises the signal after the hook, so the parent still dies of it (exit status
 * and any other signal listeners are untouched). It re-raises only when it is the signal's last
 * listener: a process that handles SIGINT/SIGTERM itself must keep its listener with `process.on`
 * (not `once`) until it has stopped, or the re-raise kills it mid-stop (local/dev.ts does so).
 * A parent killed with SIGKILL runs no code at all: the emulators and the broker, started through
 * owned-child.ts, then exit on their own when their IPC channel to it closes; other children (the
 * email workers, the analytics members) are orphaned (README "Known limits").
 */
export function killOnParentExit(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    onExit(() => {
      for (const remaining of running) remaining.kill('SIGKILL');
    });
  }
  running.add(child);
  child.once('exit', () => running.delete(child));
}
