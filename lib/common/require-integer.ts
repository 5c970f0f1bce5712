import { InvalidPropError } from './invalid-prop-error';

/** Where an integer prop comes from and what it must be. */
export interface IntegerPropRule {
  /** The construct class validating the prop. */
  readonly owner: string;
  /** The prop name. */
  readonly prop: string;
  /** Smallest allowed value. */
  readonly min: number;
  /** Largest allowed value. @default Number.MAX_SAFE_INTEGER */
  readonly max?: number;
  /** Why the range is what it is (an AWS limit, usually). @default no reason appended */
  readonly reason?: string;
}

/**
 * Returns `value` when it is an integer within the rule's range, else throws InvalidPropError.
 * Tokens (unresolved numbers) are not allowed here: these props shape the synthesized template.
 */
export function requireInteger(value: number, rule: IntegerPropRule): number {
  const max = rule.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isInteger(value) || value < rule.min || value > max) {
    const range = rule.max === undefined ? `an integer ≥ ${rule.min}` : `an integer from ${rule.min} to ${max}`;
    const reason = rule.reason === undefined ? '' : ` (${rule.reason})`;
    throw new InvalidPropError(rule.owner, rule.prop, value, `${range}${reason}`);
  }
  return value;
}
