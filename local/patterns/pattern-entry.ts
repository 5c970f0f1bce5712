/**
 * One pattern, as it registers with the registry (pattern-registry.ts): what it is, how it runs,
 * and how its outcome becomes the table's cells, the expectations, the notes and the advise
 * command. Everything pattern-specific lives in the pattern's own folder; the runner, the table,
 * the JSON, `npm run dev` and the exit code only iterate the entries.
 */
import type { DevComponent } from '../dev/dev-component';
import type { QuestionCells } from './five-questions';
import type { ObservedWorkload } from './observed-workload';
import type { PatternRunContext } from './pattern-run-context';

/** What a reader needs to know about a pattern before any figure. */
export interface PatternDescription {
  /** How it is provisioned from its synthesized template (stack and resources). */
  readonly provisioning: string;
  /** The consumers it starts, each with what plays it locally. */
  readonly consumers: readonly string[];
  /** The traffic it sends. */
  readonly traffic: string;
  /** The faults it injects. */
  readonly faults: string;
  /** How its outcome is observed. */
  readonly observation: string;
}

/** When `npm start` runs a pattern. */
export type PatternSchedule =
  /** With every run, at the same time as the other patterns (each has its own emulators). */
  | 'always'
  /** Only with `--variants`, after the others, so neither slows the other. */
  | 'variants';

/** What a run of a pattern returns. */
export interface PatternRunOutcome<Outcome> {
  /** Its part of the JSON. */
  readonly outcome: Outcome;
  /** What this run did not show or played differently (its environment report, a deadline hit). */
  readonly notes: readonly string[];
}

/** One pattern; `Outcome` is its part of the JSON. */
export interface PatternEntry<Outcome> {
  /** Key of its part in `npm start -- --json`, its name in notes and in `npm run dev`. */
  readonly key: string;
  /** Heading of its column in the table. */
  readonly heading: string;
  readonly description: PatternDescription;
  /** Every figure its cells show, by name, with what it counts (printed under the table). */
  readonly figures: Readonly<Record<string, string>>;
  readonly schedule: PatternSchedule;
  /** Runs it on `context.target`; stops everything it started. */
  run(context: PatternRunContext): Promise<PatternRunOutcome<Outcome>>;
  /**
   * Why it has no deployed form: on LocalStack and AWS it reports "not run on this target" with this reason.
   * @default undefined: it runs on every target
   */
  readonly embeddedOnly?: string;
  /** Its answers to the five questions, from the outcome. */
  cells(outcome: Outcome): QuestionCells;
  /** Each promise the outcome broke, in words (prefixed with the key); empty when all held. */
  expectations(outcome: Outcome): readonly string[];
  /** What any run of it does not show, or plays differently from AWS, given its outcome. @default none */
  notes?(outcome: Outcome): readonly string[];
  /** Exit code of a run whose expectations all held (3: this machine could not run it). @default 0 */
  exitCode?(outcome: Outcome): number;
  /** Its workload for the advise line (undefined: nothing to price from this outcome). @default absent: no advise command */
  workload?(outcome: Outcome): ObservedWorkload | undefined;
  /** A table of its own printed under the comparison (e.g. SQS standard and FIFO side by side). @default none */
  details?(outcome: Outcome): string;
  /** How `npm run dev` keeps it up for your own clients. @default absent: not in `npm run dev` */
  readonly dev?: DevComponent;
}
