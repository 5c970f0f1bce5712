/**
 * Thrown by a construct when one of its props is invalid. Carries the construct, the prop, the value
 * and the rule it broke (with the AWS limit behind the rule where there is one).
 */
export class InvalidPropError extends Error {
  override readonly name = 'InvalidPropError';

  constructor(
    /** The construct class that rejected the prop, e.g. `EmailLambdaConsumer`. */
    readonly owner: string,
    /** The prop name, e.g. `maxConcurrency`. */
    readonly prop: string,
    /** The value received. */
    readonly value: unknown,
    /** The rule it broke, e.g. `an integer from 2 to 1000 (SQS event source MaximumConcurrency)`. */
    readonly rule: string,
  ) {
    super(`${owner}: ${prop} must be ${rule}; got ${String(value)}`);
  }
}
