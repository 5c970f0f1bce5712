/**
 * Helpers for tests on Jest's fake timers (`jest.useFakeTimers()`): time moves only when the test
 * advances it, so a slow machine can neither fail nor falsely pass a timing test.
 *
 * Jest 29's fake timers replace the global timers and `Date`, not `node:timers/promises`: a fake
 * collaborator that must wait on fake time uses {@link fakeDelay}.
 */

/** How far fake time moves per step while a helper waits for something. */
const STEP_MS = 5;

/** Resolves after `ms` of fake time (a global `setTimeout`, which the fake timers control). */
export function fakeDelay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Advances fake time in small steps until `condition` holds, at most `limitMs` of fake time.
 * @returns whether the condition held
 */
export async function advanceUntil(condition: () => boolean, limitMs = 20_000): Promise<boolean> {
  for (let advanced = 0; advanced < limitMs; advanced += STEP_MS) {
    if (condition()) return true;
    await jest.advanceTimersByTimeAsync(STEP_MS);
  }
  return condition();
}

/** Advances fake time in small steps until `promise` settles (at most `limitMs`), then returns it. */
export async function advanceUntilSettled<T>(promise: Promise<T>, limitMs = 20_000): Promise<T> {
  let settled = false;
  const tracked = promise.finally(() => {
    settled = true;
  });
  // Observed here so a rejection that arrives while fake time moves is not reported as unhandled.
  tracked.catch(() => undefined);
  await advanceUntil(() => settled, limitMs);
  return tracked;
}
