/**
 * `npm start -- --web`: opens the live page before the run, prints its URL, runs, and keeps the page
 * up until Ctrl-C (SIGINT) or SIGTERM; then closes it and ends with the run's own exit code. The page
 * is closed on every path, a run that throws included. Without the flag the run gets
 * {@link NO_LIVE_PAGE} and nothing of the page is loaded or started.
 */
import { NO_LIVE_PAGE, type LivePage } from './live-page';

/** Resolves at the first SIGINT or SIGTERM (which then no longer end the process on their own). */
function untilInterrupted(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/**
 * Runs `run` with a live page when `enabled`.
 * @param say where the URL and the "Ctrl-C to stop" line go (stderr under --json)
 */
export async function withLivePage(enabled: boolean, say: (line: string) => void, run: (page: LivePage) => Promise<number>): Promise<number> {
  if (!enabled) return run(NO_LIVE_PAGE);
  const { openLivePageSession } = await import('./live-page-session');
  const session = await openLivePageSession();
  try {
    say(`live page: ${session.url}`);
    const exitCode = await run(session).catch((error: unknown) => {
      session.failed(error);
      throw error;
    });
    say(`live page still at ${session.url}: press Ctrl-C to stop it`);
    await untilInterrupted();
    return exitCode;
  } finally {
    await session.close();
  }
}
