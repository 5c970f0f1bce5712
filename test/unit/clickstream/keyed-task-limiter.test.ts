import {
  InvalidConcurrencyLimitError,
  KeyedTaskLimiter,
} from '../../../runtime/clickstream/processor-lambda/keyed-task-limiter';

describe('KeyedTaskLimiter', () => {
  it.each([0, -1, 1.5, Number.NaN])('rejects %p as a concurrency limit, naming it', (maxConcurrency) => {
    // Act
    const create = (): KeyedTaskLimiter => new KeyedTaskLimiter(maxConcurrency);

    // Assert
    expect(create).toThrow(InvalidConcurrencyLimitError);
    expect(create).toThrow(`maxConcurrency must be a positive integer, got ${maxConcurrency}`);
  });

  it('passes a task’s rejection to its caller and still runs the key’s next task after it', async () => {
    // Prepare
    const limiter = new KeyedTaskLimiter(1);
    const started: string[] = [];
    const failure = new Error('first task failed');

    // Act
    const first = limiter.run('a', async () => {
      started.push('first');
      throw failure;
    });
    const second = limiter.run('a', async () => {
      started.push('second');
      return 'second done';
    });

    // Assert
    await expect(first).rejects.toBe(failure);
    await expect(second).resolves.toBe('second done');
    expect(started).toEqual(['first', 'second']);
  });
});
