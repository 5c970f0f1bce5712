import { join } from 'node:path';
import { startChildEmulator, type RunningEmulator } from './child-emulator';
import { freeLoopbackPort } from './free-port';

/** Starts fauxqs (SQS) on a free loopback port. */
export async function startSqsEmulator(): Promise<RunningEmulator> {
  const port = await freeLoopbackPort();
  return startChildEmulator({
    name: 'fauxqs (SQS)',
    port,
    script: join(__dirname, 'fauxqs-main.mjs'),
    env: { FAUXQS_PORT: String(port) },
  });
}
