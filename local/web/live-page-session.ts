/**
 * A live page for one run: the event hub, its server, and the run's end turned into the final event
 * (the same ComparisonResult as `--json`, its five rows from the table's own function, and the
 * advisor's answer for each pattern).
 */
import { comparisonRows } from '../comparison/comparison-table';
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

export async function openLivePageSession(): Promise<LivePageSession> {
  const hub = new LiveEventHub();
  const server = await LivePageServer.start(hub);
  return {
    url: server.url,
    sink: hub,
    observe: (progress) => observedProgress(progress, hub),
    started: (size) => hub.emit({ kind: 'run-started', ...size }),
    finished(result, exitCode) {
      hub.emit({ kind: 'run-finished', result, rows: comparisonRows(result), advice: patternAdviceFor(result), exitCode });
    },
    failed: (error) => hub.emit({ kind: 'run-failed', message: error instanceof Error ? error.message : String(error) }),
    close: () => server.close(),
  };
}
