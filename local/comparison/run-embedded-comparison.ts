/**
 * The side-by-side run on the embedded emulators: every registered pattern that runs always, at the
 * same time, each with its own emulators or broker on free loopback ports (so the broker's JVM
 * start overlaps the others); then, with `--variants`, the patterns that run after them, one at a
 * time. Each pattern stops everything it started.
 */
import { PATTERNS } from '../patterns/pattern-registry';
import type { Pattern } from '../patterns/pattern';
import type { PatternReport } from '../patterns/pattern-report';
import type { PatternRunContext, PatternRunOptions, RunProgress } from '../patterns/pattern-run-context';
import type { ComparisonRun } from './comparison-run';
import type { RunEventSink } from '../web/run-event-sink';

/** How big a run is, and what it includes. */
export interface EmbeddedComparisonOptions extends PatternRunOptions {
  /** Also run the patterns scheduled for `--variants`. @default false */
  readonly variants?: boolean;
  readonly progress: RunProgress;
  /** Where the patterns send the live page's observations. @default undefined: no page */
  readonly liveEvents?: RunEventSink;
}

/** What this target does not show, whatever the figures. */
const EMBEDDED_NOTES = ['SQS FIFO and SNS-to-SQS fan-out: npm start -- --variants adds them (see docs/choosing.md)'];

/** Runs `patterns` (default: the registry) on the embedded target. */
export async function runEmbeddedComparison(options: EmbeddedComparisonOptions, patterns: readonly Pattern[] = PATTERNS): Promise<ComparisonRun> {
  const { progress, variants, liveEvents, ...size } = options;
  const context: PatternRunContext = { options: size, progress, liveEvents };
  const together = await Promise.all(patterns.filter((pattern) => pattern.schedule === 'always').map((pattern) => pattern.run(context)));
  const after: PatternReport[] = [];
  if (variants === true) {
    // One at a time, after the others: each starts its own emulator, so none slows another.
    for (const pattern of patterns.filter((candidate) => candidate.schedule === 'variants')) after.push(await pattern.run(context));
  }
  const ran = new Map([...together, ...after].map((report) => [report.key, report]));
  return {
    target: 'embedded',
    reports: patterns.flatMap((pattern) => ran.get(pattern.key) ?? []),
    notes: variants === true ? [] : EMBEDDED_NOTES,
  };
}
