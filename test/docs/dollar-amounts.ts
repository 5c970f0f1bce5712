/**
 * Finds dollar amounts in text: a number with `USD` before or after it, or a `$` before a number.
 * A shell positional parameter or a regex back-reference (a `$` and one digit) is not an amount:
 * a `$` before a single digit counts only with a decimal part, a thousands group, or a cost unit
 * (`/month`, `per hour`, `a month`, `k`) after it. The test file lists examples of each.
 */

const AMOUNT_PATTERNS: readonly RegExp[] = [
  /\bUSD\s*~?\d[\d,]*(?:\.\d+)?/g,
  /\b\d[\d,]*(?:\.\d+)?\s?USD\b/g,
  // $ + two or more digits, or digits with a decimal part or a thousands group.
  /\$\s?(?:\d{2,}|\d+[.,]\d+)[\d,]*(?:\.\d+)?/g,
  // $ + one digit followed by a cost unit.
  /\$\d(?=\s?(?:\/|per\b|a (?:month|year|day|hour)\b|an hour\b|k\b|m\b|bn\b))/g,
];

/** One amount found: where it starts and what it reads. */
export interface DollarAmount {
  readonly index: number;
  readonly text: string;
}

/** Every dollar amount in `text`, in order of position. */
export function findDollarAmounts(text: string): DollarAmount[] {
  const found = new Map<number, string>();
  for (const pattern of AMOUNT_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const index = match.index ?? 0;
      if (!found.has(index)) found.set(index, match[0]);
    }
  }
  return [...found.entries()].sort(([a], [b]) => a - b).map(([index, amount]) => ({ index, text: amount }));
}

/** 1-based line number of `index` in `text`. */
export function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}
