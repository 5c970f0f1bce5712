/**
 * The live page of `npm run dev -- --web`: the same page and server as `npm start -- --web`, fed by
 * what the components observe while outside clients send traffic. Loaded only with the flag, so a
 * dev without it starts nothing of the page.
 */
import type { RunEventSink } from '../web/run-event-sink';

/**
 * Events kept for a page opened later: dev runs for hours, a sampled counter sends at most one
 * event a second per series, so this keeps the last hour or so of a busy dev.
 */
const DEV_HISTORY_LIMIT = 20_000;

/** A served page. */
export interface DevLivePage {
  readonly url: string;
  /** Where the components send what they observe. */
  readonly sink: RunEventSink;
  /** Tells the page that dev is stopping: it keeps what it drew and stops waiting. */
  stopping(): void;
  /** Ends the open event streams and stops listening. */
  close(): Promise<void>;
}

/** Serves the page on a free 127.0.0.1 port; its first event names the components being started. */
export async function openDevLivePage(components: readonly string[]): Promise<DevLivePage> {
  const [{ LiveEventHub }, { LivePageServer }] = await Promise.all([import('../web/live-event-hub'), import('../web/live-page-server')]);
  const hub = new LiveEventHub(undefined, DEV_HISTORY_LIMIT);
  hub.emit({ kind: 'dev-started', components });
  const server = await LivePageServer.start(hub);
  return {
    url: server.url,
    sink: hub,
    stopping: () => hub.emit({ kind: 'dev-stopped' }),
    close: () => server.close(),
  };
}
