/** Shows a run's progress: a cli-progress bar on a TTY, a plain line every few seconds otherwise. */
import { Presets, SingleBar } from 'cli-progress';

/** Progress display of one run. */
export interface RunProgress {
  update(accountedFor: number, detail: string): void;
  stop(): void;
}

/** Plain lines at most this often, so CI logs stay readable. */
const PLAIN_LINE_INTERVAL_MS = 2_000;

export function createRunProgress(total: number, log: (line: string) => void, isTty = process.stdout.isTTY === true): RunProgress {
  if (isTty) {
    const bar = new SingleBar({ format: 'jobs {bar} {value}/{total} | {detail}', hideCursor: true }, Presets.shades_classic);
    bar.start(total, 0, { detail: '' });
    return {
      update: (accountedFor, detail) => bar.update(accountedFor, { detail }),
      stop: () => bar.stop(),
    };
  }
  let lastLine = 0;
  return {
    update(accountedFor, detail) {
      if (Date.now() - lastLine < PLAIN_LINE_INTERVAL_MS && accountedFor < total) return;
      lastLine = Date.now();
      log(`jobs accounted for: ${accountedFor}/${total} (${detail})`);
    },
    stop: () => undefined,
  };
}
