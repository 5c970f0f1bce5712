/**
 * A bare Stack for construct tests: no app build, no cdk-nag, bundling skipped (a construct that
 * fails validation throws before any asset exists; one that passes needs no bundle to be inspected).
 */
import { App, Stack } from 'aws-cdk-lib';
import { SKIP_BUNDLING } from './email-worker-app';

/** `new Stack()` in an App that skips bundling; its constructs' paths start with `Test/`. */
export function bareStack(): Stack {
  return new Stack(new App({ context: SKIP_BUNDLING }), 'Test');
}

/** The error `build` throws (fails the test when it throws nothing). */
export function errorOf(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but nothing was thrown');
}

/** InvalidPropError's message for the construct at `path`: a header, then one line per problem. */
export function invalidPropsMessage(path: string, ...problems: string[]): string {
  return [`Invalid props of ${path}:`, ...problems.map((problem) => `  - ${problem}`)].join('\n');
}
