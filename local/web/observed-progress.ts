/**
 * The bridge from the run's progress to the live page: wraps the terminal progress so every call
 * still reaches it, and turns each log line into observations for the sink (what the pattern runs
 * print, see log-line-observations.ts). The email and clickstream counts come as typed events from
 * the pattern runs themselves (PatternRunContext.liveEvents), so the bars pass through untouched.
 */
import type { ComparisonProgress } from '../comparison/comparison-progress';
import { observationsOfLine } from './log-line-observations';
import type { RunEventSink } from './run-event-sink';

/** `inner`, plus its log lines sent to `sink` as live observations. */
export function observedProgress(inner: ComparisonProgress, sink: RunEventSink): ComparisonProgress {
  return {
    bar: (spec) => inner.bar(spec),
    log(line) {
      inner.log(line);
      for (const observation of observationsOfLine(line)) sink.emit(observation);
    },
    stop: () => inner.stop(),
  };
}
