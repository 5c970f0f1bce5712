/**
 * The runner of `npm start`, whatever the target: every registered pattern that runs always, at the
 * same time (on the embedded target each has its own emulators or broker on free loopback ports, so
 * the broker's JVM start overlaps the others); then, with `--variants`, the patterns that run after
 * them, one at a time. A pattern with no form on the target reports why. Each pattern stops
 * everything it started.
 */
import type { ComparisonRun } from '../comparison/comparison-run';
import type { RunTarget } from '../target/run-target';
import type { RunEventSink } from '../web/run-event-sink';
import type { Pattern } from './pattern';
import { PATTERNS } from './pattern-registry';
import type { PatternReport } from './pattern-report';
import type { PatternRunContext, PatternRunOptions, RunProgress } from './pattern-run-context';

/** How big a run is, and what it includes. */
export interface RunPatternsOptions extends PatternRunOptions {
  /** Also run the patterns scheduled for `--variants`. @default false */
  readonly variants?: boolean;
  readonly progress: RunProgress;
  /** Where the patterns send the live page's observations. @default undefined: no page */
  readonly liveEvents?: RunEventSink;
}

/** Runs `patterns` (default: the registry) on `target`. */
export async function runPatterns(target: RunTarget, options: RunPatternsOptions, patterns: readonly Pattern[] = PATTERNS): Promise<ComparisonRun> {
  const { progress, variants, liveEvents, ...size } = options;
  const context: PatternRunContext = { target, options: size, progress, liveEvents };
  const together = await Promise.all(patterns.filter((pattern) => pattern.schedule === 'always').map((pattern) => pattern.run(context)));
  const later = patterns.filter((pattern) => pattern.schedule === 'variants');
  const after: PatternReport[] = [];
  if (variants === true) {
    // One at a time, after the others: each starts its own emulator, so none slows another.
    for (const pattern of later) after.push(await pattern.run(context));
  }
  const ran = new Map([...together, ...after].map((report) => [report.key, report]));
  return {
    target: target.name,
    reports: patterns.flatMap((pattern) => ran.get(pattern.key) ?? []),
    notes: variants === true ? [] : later.map((pattern) => notRunNote(pattern, target)),
  };
}

/** Why a pattern scheduled for `--variants` is not in this run. */
function notRunNote(pattern: Pattern, target: RunTarget): string {
  const reason = pattern.notRunOn(target.name);
  return reason === undefined ? `${pattern.heading}: npm start -- --variants adds it (see docs/choosing.md)` : `${pattern.key}: not run on ${target.name}: ${reason}`;
}
