/**
 * The bridge from what the run reports today to the live page: wraps the terminal progress so every
 * call still reaches it, and turns each call into observations for the sink (the email run's counts,
 * clickstream records written, and what its log lines say).
 */
import type { ComparisonProgress } from '../comparison/comparison-progress';
import { observationsOfLine } from './log-line-observations';
import type { RunEventSink } from './run-event-sink';

/** `inner`, plus the same reports sent to `sink` as live observations. */
export function observedProgress(inner: ComparisonProgress, sink: RunEventSink): ComparisonProgress {
  return {
    email(progress) {
      inner.email(progress);
      sink.emit({ kind: 'email-progress', ...progress });
    },
    clickstream(written, total) {
      inner.clickstream(written, total);
      sink.emit({ kind: 'kinesis-produced', written, total });
    },
    log(line) {
      inner.log(line);
      for (const observation of observationsOfLine(line)) sink.emit(observation);
    },
    stop: () => inner.stop(),
  };
}
