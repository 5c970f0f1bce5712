/**
 * The bridge from the run's progress to the live page: wraps the terminal progress so every call
 * still reaches it, and sends each log line to the page's log panel (log-line-observations.ts).
 * The figures come as typed events from the pattern runs themselves (PatternRunContext.liveEvents),
 * so the bars pass through untouched.
 */
import type { ComparisonProgress } from '../comparison/comparison-progress';
import { logLineObservation } from './log-line-observations';
import type { RunEventSink } from './run-event-sink';

/** `inner`, plus its log lines sent to `sink` as live observations. */
export function observedProgress(inner: ComparisonProgress, sink: RunEventSink): ComparisonProgress {
  return {
    bar: (spec) => inner.bar(spec),
    log(line) {
      inner.log(line);
      sink.emit(logLineObservation(line));
    },
    stop: () => inner.stop(),
  };
}
