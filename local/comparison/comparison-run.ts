/**
 * A finished `npm start` run: the target and one report per pattern that ran, in registry order.
 * The table, the JSON, the expectations, the exit code and the advise line all read this, so none
 * of them names a pattern. Pure.
 */
import { FAILURE_EXIT_CODE } from '../../runtime/shared/errors';
import type { PatternReport } from '../patterns/pattern-report';
import type { ComparisonTarget } from './comparison-result';

/** Every pattern of a run. */
export interface ComparisonRun {
  readonly target: ComparisonTarget;
  /** One per pattern that ran, in registry order. */
  readonly reports: readonly PatternReport[];
  /** What the target could not show, whatever the pattern. */
  readonly notes: readonly string[];
}

/** The target's notes, then each pattern's. */
export function notesOf(run: ComparisonRun): string[] {
  return [...run.notes, ...run.reports.flatMap((report) => report.notes)];
}

/**
 * The JSON of `npm start -- --json`: the target, each pattern's outcome under its key (`email`,
 * `clickstream`, `kafka`, …), the notes, and what each figure counts, by pattern.
 */
export function comparisonJson(run: ComparisonRun): Readonly<Record<string, unknown>> {
  return {
    target: run.target,
    ...Object.fromEntries(run.reports.map((report) => [report.key, report.outcome])),
    notes: notesOf(run),
    figures: Object.fromEntries(run.reports.map((report) => [report.key, report.figures])),
  };
}

/** Each broken promise of every pattern, in words; empty when all held. */
export function unmetExpectations(run: ComparisonRun): string[] {
  return run.reports.flatMap((report) => report.unmet);
}

/**
 * The exit code of a run that completed: 1 when an expectation was not met; else the first
 * pattern's own code that is not 0 (3: this machine could not run it, e.g. MSK brokers outside its
 * network; its reason is in the table), else 0.
 */
export function completedRunExitCode(run: ComparisonRun, unmet: readonly string[]): number {
  if (unmet.length > 0) return FAILURE_EXIT_CODE;
  return run.reports.find((report) => report.exitCode !== 0)?.exitCode ?? 0;
}
