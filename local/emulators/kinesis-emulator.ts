import { dirname, join } from 'node:path';
import { startChildEmulator, type RunningEmulator } from './child-emulator';
import { freeLoopbackPort } from './free-port';

/**
 * Starts kinesis-local (kinesis-mock, the engine LocalStack runs for Kinesis).
 * Clients must use the plain HTTP/1.1 port with NodeHttpHandler: the SDK's HTTP/2 default fails there.
 */
export async function startKinesisEmulator(): Promise<RunningEmulator> {
  const plainPort = await freeLoopbackPort();
  const tlsPort = await freeLoopbackPort();
  const packageDir = dirname(require.resolve('kinesis-local/package.json'));
  return startChildEmulator({
    name: 'kinesis-local (Kinesis)',
    port: plainPort,
    script: join(packageDir, 'main.js'),
    // It reads server.json (its TLS certificate) from the working directory.
    cwd: packageDir,
    env: {
      KINESIS_MOCK_PLAIN_PORT: String(plainPort),
      KINESIS_MOCK_TLS_PORT: String(tlsPort),
      // Locally there is nothing to wait for; AWS takes seconds.
      CREATE_STREAM_DURATION: '100ms',
      REGISTER_STREAM_CONSUMER_DURATION: '100ms',
      LOG_LEVEL: 'ERROR',
    },
    readyTimeoutMs: 60_000,
  });
}
