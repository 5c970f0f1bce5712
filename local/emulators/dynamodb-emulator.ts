import { startChildEmulator, type RunningEmulator } from './child-emulator';
import { freeLoopbackPort } from './free-port';

/** Starts dynalite (DynamoDB, in memory) on a free loopback port. */
export async function startDynamoDbEmulator(): Promise<RunningEmulator> {
  const port = await freeLoopbackPort();
  return startChildEmulator({
    name: 'dynalite (DynamoDB)',
    port,
    script: require.resolve('dynalite/cli.js'),
    // Tables go ACTIVE after 500 ms by default; locally there is nothing to wait for.
    args: ['--host', '127.0.0.1', '--port', String(port), '--createTableMs', '0', '--deleteTableMs', '0'],
  });
}
