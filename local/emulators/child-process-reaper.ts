import type { ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Last resort for every child process `local/` starts: SIGKILL it when the parent exits, even on an
 * uncaught error, so no emulator or consumer outlives the run. Forgets the child once it exits.
 */
export function killOnParentExit(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const remaining of running) remaining.kill('SIGKILL');
    });
  }
  running.add(child);
  child.once('exit', () => running.delete(child));
}
