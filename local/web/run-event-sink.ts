/**
 * Where a run reports what it observes, for the live page. A pattern run that holds a sink calls
 * `sink.emit({ kind: 'sqs-depth', visible, inFlight, workers })` at the moment it learns the figure;
 * the sink stamps the time. A run without a page gets {@link NO_LIVE_EVENTS}.
 */
import type { RunObservation } from './live-observation';

/** Receives a run's live observations. Must not throw or block: the run does not wait for the page. */
export interface RunEventSink {
  emit(observation: RunObservation): void;
}

/** The sink of a run without `--web`: drops everything. */
export const NO_LIVE_EVENTS: RunEventSink = { emit: () => undefined };
