/**
 * Reads a run's JSON (`npm start -- --json`, one part per pattern key) back into a run, pattern by
 * pattern: each registered pattern reads its part; one without a part has no column.
 */
import { PATTERNS } from '../patterns/pattern-registry';
import type { Pattern } from '../patterns/pattern';
import type { ComparisonResult } from './comparison-result';
import type { ComparisonRun } from './comparison-run';

/** The run of `result`, read by `patterns` (default: the registry). */
export function comparisonRunOf(result: ComparisonResult, patterns: readonly Pattern[] = PATTERNS): ComparisonRun {
  const parts = new Map<string, unknown>(Object.entries(result));
  return {
    target: result.target,
    reports: patterns.flatMap((pattern) => (parts.get(pattern.key) === undefined ? [] : [pattern.reportOfJson(parts.get(pattern.key))])),
    notes: result.notes,
  };
}
