import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';

const PARENT = 'test/integ/helpers/reaper-parent.ts';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await delay(50);
  }
  return !isAlive(pid);
}

describe('killOnParentExit', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)('stops the child when the parent is stopped by %s', async (signal) => {
    const parent = spawn(process.execPath, ['--import', 'tsx', PARENT], { stdio: ['ignore', 'pipe', 'inherit'] });
    let childPid = 0;
    try {
      const [line] = (await once(parent.stdout, 'data')) as [Buffer];
      childPid = Number(line.toString().trim());
      expect(isAlive(childPid)).toBe(true);

      parent.kill(signal);
      const [, parentSignal] = (await once(parent, 'exit')) as [number | null, NodeJS.Signals | null];

      // The parent still dies of the signal (signal-exit re-raises it), and takes its child along.
      expect(parentSignal).toBe(signal);
      expect(await waitUntilGone(childPid, 5_000)).toBe(true);
    } finally {
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
      if (childPid > 0 && isAlive(childPid)) process.kill(childPid, 'SIGKILL');
    }
  }, 20_000);
});
