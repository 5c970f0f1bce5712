/**
 * Reads a ComparisonResult (what a run against deployed stacks fills, one part per pattern) pattern
 * by pattern: each registered pattern takes its part; one without a part has no column.
 */
import { PATTERNS } from '../patterns/pattern-registry';
import type { Pattern } from '../patterns/pattern';
import type { ComparisonResult } from './comparison-result';
import type { ComparisonRun } from './comparison-run';

/** The run of `result`, read by `patterns` (default: the registry). */
export function comparisonRunOf(result: ComparisonResult, patterns: readonly Pattern[] = PATTERNS): ComparisonRun {
  return {
    target: result.target,
    reports: patterns.flatMap((pattern) => pattern.fromRemoteRun(result) ?? []),
    notes: result.notes,
  };
}
