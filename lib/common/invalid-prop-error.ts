/**
 * Thrown by a construct whose props break one or more rules. It lists every problem at once, so a
 * user fixes them in one go, and names the construct by its path in the tree (`node.path`), so the
 * user knows which of several constructs it is. A ConfigurationError: commands exit with code 2.
 */
import { ConfigurationError } from '../../runtime/shared/errors';

/** One broken rule. */
export interface PropProblem {
  /** The prop, e.g. `lambdaConsumer.batchSize`, or several joined by `, ` when they conflict. */
  readonly prop: string;
  /** The value received, as shown in the message (e.g. `500 ms`). */
  readonly value: unknown;
  /** What the value must be, with the AWS limit or project rule behind it where there is one. */
  readonly rule: string;
}

/** `<prop> must be <rule>; got <value>`: one line of the message. */
export function describePropProblem(problem: PropProblem): string {
  return `${problem.prop} must be ${problem.rule}; got ${String(problem.value)}`;
}

/** Every invalid prop of one construct. */
export class InvalidPropError extends ConfigurationError {
  constructor(
    /** The construct's path, e.g. `QueueOrStream-EmailWorker/Default`. */
    readonly path: string,
    /** Every rule the props break, in the order they were checked. */
    readonly problems: readonly PropProblem[],
  ) {
    super(`Invalid props of ${path}:\n${problems.map((problem) => `  - ${describePropProblem(problem)}`).join('\n')}`);
  }
}
