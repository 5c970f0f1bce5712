/**
 * A live page for one run: the event hub, its server, and the run's end turned into the final event
 * (the `--json` object from comparisonJson, the five rows from the table's own comparisonRows, the
 * advise line `npm start` prints, and the advisor's answer for each pattern).
 */
import { adviseLineForRun } from '../comparison/advise-command';
import { comparisonJson, type ComparisonRun } from '../comparison/comparison-run';
import { comparisonRows } from '../comparison/comparison-table';
import type { RunFinishedEvent, RunJson } from './live-event';
import type { LivePage } from './live-page';
import { LiveEventHub } from './live-event-hub';
import { LivePageServer } from './live-page-server';
import { observedProgress } from './observed-progress';
import { patternAdviceFor } from './pattern-advice';

/** A started page; {@link close} stops its server. */
export interface LivePageSession extends LivePage {
  readonly url: string;
  /** The run threw: the page says why. */
  failed(error: unknown): void;
  close(): Promise<void>;
}

/** The last event of a run: everything the page's summary shows, computed by the CLI's own functions. */
export function finishedEvent(run: ComparisonRun, exitCode: number): RunFinishedEvent {
  return {
    kind: 'run-finished',
    // Each key holds its registry entry's outcome as the pattern returned it; the page reads the three it draws panels for.
    json: comparisonJson(run) as RunJson,
    patterns: run.reports.map(({ key, heading }) => ({ key, heading })),
    rows: comparisonRows(run),
    adviseLine: adviseLineForRun(run),
    advice: patternAdviceFor(run),
    exitCode,
  };
}

export async function openLivePageSession(): Promise<LivePageSession> {
  const hub = new LiveEventHub();
  const server = await LivePageServer.start(hub);
  return {
    url: server.url,
    sink: hub,
    observe: (progress) => observedProgress(progress, hub),
    started: (size) => hub.emit({ kind: 'run-started', ...size }),
    finished: (run, exitCode) => hub.emit(finishedEvent(run, exitCode)),
    failed: (error) => hub.emit({ kind: 'run-failed', message: error instanceof Error ? error.message : String(error) }),
    close: () => server.close(),
  };
}
