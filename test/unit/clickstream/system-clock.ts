/**
 * Moves the system clock (`Date.now()`, `new Date()`) for the code under test, and nothing else:
 * timers, microtasks and `performance` stay real, so SDK clients and Powertools behave as usual.
 */
const REAL_APIS = [
  'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
  'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval',
  'setTimeout', 'clearTimeout',
] as const;

/** Sets the clock to `epochMs`; undo with `jest.useRealTimers()`. */
export function setSystemClock(epochMs: number): void {
  jest.useFakeTimers({ doNotFake: [...REAL_APIS], now: epochMs });
}

/** Two years from the real now: a date no calendar constant in the code can still match. */
export function twoYearsFromNow(): number {
  return Date.now() + 2 * 365 * 24 * 3600 * 1000;
}
