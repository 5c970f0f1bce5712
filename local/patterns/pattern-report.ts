/**
 * A pattern's outcome, read: its JSON part and everything the table, the expectations, the notes,
 * the exit code and the advise line need from it. The runner turns each outcome into a report as
 * soon as the pattern finishes, so nothing downstream needs to know the outcome's type.
 */
import type { QuestionCells } from './five-questions';
import type { PatternEntry } from './pattern-entry';
import { adviseCommandFor } from './observed-workload';

/** One pattern of a finished run. */
export interface PatternReport {
  /** Its key in the JSON. */
  readonly key: string;
  readonly heading: string;
  /** Its part of the JSON, as the pattern returned it. */
  readonly outcome: unknown;
  readonly cells: QuestionCells;
  /** Broken promises; empty when all held. */
  readonly unmet: readonly string[];
  readonly notes: readonly string[];
  /** Exit code when every expectation of the run held. */
  readonly exitCode: number;
  /** The ready `npm run advise` command for its workload. @default undefined: none */
  readonly adviseCommand: string | undefined;
  /** A table of its own, printed under the comparison. @default undefined: none */
  readonly details: string | undefined;
  /** What each figure of its cells counts. */
  readonly figures: Readonly<Record<string, string>>;
}

/** Reads one outcome of `entry`; `runNotes` are what that run itself reported. */
export function reportOf<Outcome>(entry: PatternEntry<Outcome>, outcome: Outcome, runNotes: readonly string[] = []): PatternReport {
  const workload = entry.workload?.(outcome);
  return {
    key: entry.key,
    heading: entry.heading,
    outcome,
    cells: entry.cells(outcome),
    unmet: entry.expectations(outcome),
    notes: [...runNotes, ...(entry.notes?.(outcome) ?? [])],
    exitCode: entry.exitCode?.(outcome) ?? 0,
    adviseCommand: workload === undefined ? undefined : adviseCommandFor(workload),
    details: entry.details?.(outcome),
    figures: entry.figures,
  };
}
