/**
 * Starting emulators side by side is all or nothing: when one start fails, the emulators that did
 * start beside it are stopped (their child processes are gone), and the failure is what is thrown.
 */
import { startChildEmulator, type RunningEmulator } from '../../local/emulators/child-emulator';
import { startDynamoDbEmulator } from '../../local/emulators/dynamodb-emulator';
import { freeLoopbackPort } from '../../local/emulators/free-port';
import { startSqsEmulator } from '../../local/emulators/sqs-emulator';
import { startAllOrNothing } from '../../local/emulators/start-all-or-nothing';
import { isAlive } from './helpers/process-alive';

/** A real child emulator that dies before it listens, as one that cannot start does. */
async function startBrokenEmulator(): Promise<RunningEmulator> {
  return startChildEmulator({
    name: 'broken emulator',
    port: await freeLoopbackPort(),
    script: '-e',
    args: ["console.error('cannot start: injected failure'); process.exit(3)"],
  });
}

describe('startAllOrNothing with real emulators', () => {
  it('stops the emulators that started when another one fails, and throws that failure', async () => {
    const started: RunningEmulator[] = [];
    const tracked = [startSqsEmulator(), startDynamoDbEmulator()].map((start) =>
      start.then((emulator) => {
        started.push(emulator);
        return emulator;
      }),
    );

    const outcome = startAllOrNothing([tracked[0] as Promise<RunningEmulator>, startBrokenEmulator(), tracked[1] as Promise<RunningEmulator>]);

    await expect(outcome).rejects.toThrow(/broken emulator exited before listening .*injected failure/);
    // Whatever the implementation, both good starts have finished by now; their children must be gone.
    await Promise.allSettled(tracked);
    expect(started.map((emulator) => emulator.name).sort()).toEqual(['dynalite (DynamoDB)', 'fauxqs (SQS)']);
    const pids = started.map((emulator) => emulator.pid);
    expect(pids.every((pid) => typeof pid === 'number')).toBe(true);
    expect(pids.filter((pid) => pid !== undefined && isAlive(pid))).toEqual([]);
  }, 90_000);

  it('returns every emulator, in order, when all of them start', async () => {
    const [sqs, dynamoDb] = await startAllOrNothing([startSqsEmulator(), startDynamoDbEmulator()]);
    try {
      expect([sqs.name, dynamoDb.name]).toEqual(['fauxqs (SQS)', 'dynalite (DynamoDB)']);
      expect([sqs.pid, dynamoDb.pid].every((pid) => pid !== undefined && isAlive(pid))).toBe(true);
    } finally {
      await Promise.all([sqs.stop(), dynamoDb.stop()]);
    }
  }, 90_000);
});
