/**
 * A registered pattern: its entry with the outcome's type sealed in, so one list can hold patterns
 * whose outcomes differ. Its run comes back as a report (pattern-report.ts), on any target.
 */
import type { ComparisonTarget } from '../comparison/comparison-result';
import type { DevComponent } from '../dev/dev-component';
import { sameInEveryCell } from './five-questions';
import type { PatternDescription, PatternEntry, PatternSchedule } from './pattern-entry';
import { reportOf, type PatternReport } from './pattern-report';
import type { PatternRunContext } from './pattern-run-context';

/** One pattern of the registry. */
export interface Pattern {
  readonly key: string;
  readonly heading: string;
  readonly description: PatternDescription;
  readonly schedule: PatternSchedule;
  /** @default undefined: not in `npm run dev` */
  readonly dev: DevComponent | undefined;
  /** Why it does not run on `target`, or undefined when it does. */
  notRunOn(target: ComparisonTarget): string | undefined;
  /** Runs it on `context.target` (or reports why it does not run there). */
  run(context: PatternRunContext): Promise<PatternReport>;
  /** Reads back its part of a run's JSON (`npm start -- --json`). */
  reportOfJson(part: unknown): PatternReport;
}

/** Seals `entry` into a Pattern. */
export function registerPattern<Outcome>(entry: PatternEntry<Outcome>): Pattern {
  const notRunOn = (target: ComparisonTarget): string | undefined => (target === 'embedded' ? undefined : entry.embeddedOnly);
  return {
    key: entry.key,
    heading: entry.heading,
    description: entry.description,
    schedule: entry.schedule,
    dev: entry.dev,
    notRunOn,
    async run(context) {
      const reason = notRunOn(context.target.name);
      if (reason !== undefined) return notRunReport(entry, context.target.name, reason);
      const { outcome, notes } = await entry.run(context);
      return reportOf(entry, outcome, notes);
    },
    // The JSON is this pattern's own outcome, written by `comparisonJson`: reading it back is the one cast.
    reportOfJson: (part) => reportOf(entry, part as Outcome),
  };
}

/** The report of a pattern that has no form on `target`: its column says why, and no expectation is checked. */
function notRunReport<Outcome>(entry: PatternEntry<Outcome>, target: ComparisonTarget, reason: string): PatternReport {
  return {
    key: entry.key,
    heading: entry.heading,
    outcome: { notRun: reason },
    cells: { ...sameInEveryCell(['not run']), who: [`NOT RUN on ${target}: ${reason}`] },
    unmet: [],
    notes: [`${entry.key}: not run on ${target}: ${reason}`],
    exitCode: 0,
    adviseCommand: undefined,
    details: undefined,
    figures: entry.figures,
  };
}
