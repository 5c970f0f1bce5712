import { join } from 'node:path';
import { startChildEmulator, type RunningEmulator } from './child-emulator';
import { freeLoopbackPort } from './free-port';

/**
 * Starts fauxqs (SQS, SNS and S3) on a free loopback port. With FAUXQS_S3_STORAGE_DIR set in the
 * environment, its S3 objects are also written as files under that folder (they outlive the run).
 */
export async function startSqsEmulator(): Promise<RunningEmulator> {
  const port = await freeLoopbackPort();
  return startChildEmulator({
    name: 'fauxqs (SQS)',
    port,
    script: join(__dirname, 'fauxqs-main.mjs'),
    env: { FAUXQS_PORT: String(port) },
  });
}
