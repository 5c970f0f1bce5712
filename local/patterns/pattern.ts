/**
 * A registered pattern: its entry with the outcome's type sealed in, so one list can hold patterns
 * whose outcomes differ. Its run and its remote part come back as reports (pattern-report.ts).
 */
import type { ComparisonResult } from '../comparison/comparison-result';
import type { DevComponent } from '../dev/dev-component';
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
  /** Runs it on the embedded target. */
  run(context: PatternRunContext): Promise<PatternReport>;
  /** Its report from a run against deployed stacks, or undefined when it has no part there. */
  fromRemoteRun(result: ComparisonResult): PatternReport | undefined;
}

/** Seals `entry` into a Pattern. */
export function registerPattern<Outcome>(entry: PatternEntry<Outcome>): Pattern {
  return {
    key: entry.key,
    heading: entry.heading,
    description: entry.description,
    schedule: entry.schedule,
    dev: entry.dev,
    async run(context) {
      const { outcome, notes } = await entry.run(context);
      return reportOf(entry, outcome, notes);
    },
    fromRemoteRun(result) {
      const outcome = entry.fromRemoteRun?.(result);
      return outcome === undefined ? undefined : reportOf(entry, outcome);
    },
  };
}
