/** The all-or-nothing rule on its own, with plain stoppable values (no processes). */
import { EmulatorStartsFailedError, startAllOrNothing, type Stoppable } from '../../../local/emulators/start-all-or-nothing';

function stoppable(name: string, stopped: string[], stopFails = false): Stoppable & { name: string } {
  return {
    name,
    stop: async () => {
      stopped.push(name);
      if (stopFails) throw new Error(`${name} would not stop`);
    },
  };
}

describe('startAllOrNothing', () => {
  it('stops every started value when one start fails, then rethrows that failure', async () => {
    const stopped: string[] = [];
    const failure = new Error('kinesis-local did not listen in time');

    await expect(startAllOrNothing([Promise.resolve(stoppable('sqs', stopped)), Promise.reject(failure), Promise.resolve(stoppable('dynamodb', stopped))])).rejects.toBe(failure);
    expect(stopped.sort()).toEqual(['dynamodb', 'sqs']);
  });

  it('still stops the others when one of them fails to stop', async () => {
    const stopped: string[] = [];

    await expect(
      startAllOrNothing([Promise.resolve(stoppable('sqs', stopped, true)), Promise.resolve(stoppable('dynamodb', stopped)), Promise.reject(new Error('boom'))]),
    ).rejects.toThrow('boom');
    expect(stopped.sort()).toEqual(['dynamodb', 'sqs']);
  });

  it('reports every failure when several starts fail', async () => {
    const stopped: string[] = [];
    const outcome = startAllOrNothing([Promise.reject(new Error('first')), Promise.resolve(stoppable('sqs', stopped)), Promise.reject(new Error('second'))]);

    const error: unknown = await outcome.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmulatorStartsFailedError);
    expect((error as EmulatorStartsFailedError).message).toBe('2 emulators failed to start; first: first');
    expect((error as EmulatorStartsFailedError).failures.map((failure) => (failure as Error).message)).toEqual(['first', 'second']);
    expect(stopped).toEqual(['sqs']);
  });

  it('resolves to every value, in order, and stops nothing when all starts succeed', async () => {
    const stopped: string[] = [];
    const [first, second] = await startAllOrNothing([Promise.resolve(stoppable('sqs', stopped)), Promise.resolve(stoppable('dynamodb', stopped))]);

    expect([first.name, second.name]).toEqual(['sqs', 'dynamodb']);
    expect(stopped).toEqual([]);
  });
});
