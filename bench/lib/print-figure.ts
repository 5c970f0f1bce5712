/**
 * How every benchmark prints: one `name: value` line per figure (what CI and the README quote),
 * and `# ...` context lines before them (settings, counts, diagnostics) that parsers skip.
 */

/** Prints one figure line, exactly `name: value`. */
export function printFigure(name: string, value: number, fractionDigits = 2): void {
  console.log(`${name}: ${Number.isFinite(value) ? value.toFixed(fractionDigits) : String(value)}`);
}

/** Prints one context line, prefixed with `# ` so it never parses as a figure. */
export function printContext(text: string): void {
  console.log(`# ${text}`);
}

/** `a / b`, or NaN when `b` is 0 (a contender that measured nothing has no ratio). */
export function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? Number.NaN : numerator / denominator;
}
