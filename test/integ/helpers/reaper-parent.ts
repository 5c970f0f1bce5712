/**
 * Test fixture for child-process-reaper: starts one long-lived child under killOnParentExit,
 * prints its pid, then idles until a signal stops it.
 */
import { spawn } from 'node:child_process';
import { killOnParentExit } from '../../../local/emulators/child-process-reaper';

const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
killOnParentExit(child);
process.stdout.write(`${String(child.pid)}\n`);
setInterval(() => {}, 1000);
