import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { eventually } from '../factories/email-infrastructure';
import { isAlive } from './helpers/process-alive';

const PARENT = 'test/integ/helpers/reaper-parent.ts';

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
      expect(await eventually(() => !isAlive(childPid), 5_000)).toBe(true);
    } finally {
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
      if (childPid > 0 && isAlive(childPid)) process.kill(childPid, 'SIGKILL');
    }
  }, 20_000);
});
