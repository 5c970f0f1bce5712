/**
 * Collects the problems of a construct's props, so the construct checks everything first and then
 * throws one {@link InvalidPropError} listing them all (instead of stopping at the first).
 *
 * Only the project's own rules belong here (no infinite retries, record age below retention, whole
 * seconds, ...) and AWS limits that aws-cdk-lib does not check itself: a range aws-cdk-lib already
 * enforces is left to it, so the two can never disagree.
 */
import type { Duration } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { InvalidPropError, type PropProblem } from './invalid-prop-error';

/** An integer range, with why it is what it is. */
export interface IntegerRule {
  /** Smallest allowed value. */
  readonly min: number;
  /** Largest allowed value. @default no upper bound */
  readonly max?: number;
  /** The AWS limit or project rule behind the range. @default no reason shown */
  readonly reason?: string;
}

/** The problems found so far in one construct's props. */
export class PropProblems {
  private readonly found: PropProblem[] = [];

  /** Records a broken rule. */
  add(prop: string, value: unknown, rule: string): void {
    this.found.push({ prop, value, rule });
  }

  /**
   * Records a problem unless `value` is an integer within `rule`; returns `value` either way, so
   * checking can go on. Tokens are not allowed here: these values shape the template.
   */
  integer(prop: string, value: number, rule: IntegerRule): number {
    const inRange = Number.isInteger(value) && value >= rule.min && (rule.max === undefined || value <= rule.max);
    if (!inRange) {
      const range = rule.max === undefined ? `an integer ≥ ${rule.min}` : `an integer from ${rule.min} to ${rule.max}`;
      this.add(prop, value, rule.reason === undefined ? range : `${range} (${rule.reason})`);
    }
    return value;
  }

  /**
   * Records a problem unless `value` is a whole number of seconds, at least `minSeconds` (the project
   * hands durations to its runtimes and to CloudFormation as whole seconds); returns whether it is.
   */
  wholeSeconds(prop: string, value: Duration, minSeconds: number): boolean {
    const ms = value.toMilliseconds();
    if (ms % 1000 === 0 && ms >= minSeconds * 1000) return true;
    this.add(prop, `${ms} ms`, `a whole number of seconds, at least ${minSeconds}`);
    return false;
  }

  /**
   * The "existing or new" rule: records a problem when `existingProp` is set together with any of
   * `creationProps` (props that only shape a resource the construct creates itself).
   */
  existingOrNew(existingProp: string, existing: unknown, creationProps: Record<string, unknown>): void {
    if (existing === undefined) return;
    const conflicting = Object.keys(creationProps).filter((prop) => creationProps[prop] !== undefined);
    if (conflicting.length > 0) {
      this.add([existingProp, ...conflicting].join(', '), 'all set',
        `given one at a time: pass ${existingProp} to use your own resource, or ${conflicting.join(', ')} to shape the one created for you`);
    }
  }

  /** The problems recorded so far. */
  get problems(): readonly PropProblem[] {
    return this.found;
  }

  /** Throws one InvalidPropError naming `scope`'s path and every problem, if there is any. */
  throwIfAny(scope: IConstruct): void {
    if (this.found.length > 0) throw new InvalidPropError(scope.node.path, [...this.found]);
  }
}
