/**
 * What `npm start` tells the live page: a light interface, so a run without `--web` loads none of
 * the page's modules (see with-live-page.ts).
 */
import type { ComparisonProgress } from '../comparison/comparison-progress';
import type { ComparisonRun } from '../comparison/comparison-run';
import type { RunStarted } from './live-event';
import type { RunEventSink } from './run-event-sink';

/** The run's handle on the page. */
export interface LivePage {
  /**
   * Where pattern runs emit typed observations.
   * @default undefined: no page, so the runs start none of their live sampling
   */
  readonly sink?: RunEventSink;
  /** The terminal progress, also reported to the page. */
  observe(progress: ComparisonProgress): ComparisonProgress;
  /** The run's size, before it starts. */
  started(size: Omit<RunStarted, 'kind'>): void;
  /** The finished run (its `--json` object is sent) and the exit code it will end with. */
  finished(run: ComparisonRun, exitCode: number): void;
}

/** A run without `--web`: the progress as it is, nothing sent anywhere. */
export const NO_LIVE_PAGE: LivePage = {
  observe: (progress) => progress,
  started: () => undefined,
  finished: () => undefined,
};
