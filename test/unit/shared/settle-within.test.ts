import { settleWithin } from '../../../runtime/shared/settle-within';

describe('settleWithin', () => {
  it('is true for a promise that resolves in time', async () => {
    await expect(settleWithin(Promise.resolve('done'), 1_000)).resolves.toBe(true);
  });

  it('is false for a promise that rejects', async () => {
    await expect(settleWithin(Promise.reject(new Error('REBALANCE_IN_PROGRESS')), 1_000)).resolves.toBe(false);
  });

  it('is false for a promise that never settles, once the time is up', async () => {
    await expect(settleWithin(new Promise(() => undefined), 10)).resolves.toBe(false);
  });
});
