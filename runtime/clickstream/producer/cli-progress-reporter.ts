/**
 * Progress display of the producer CLI: a cli-progress bar on a terminal, plain lines (one per 10 %)
 * when the output is a file or a CI log, where redrawn bars turn into noise.
 */
import { SingleBar, Presets } from 'cli-progress';
import type { ProducerProgress } from './producer';

/** Receives progress updates and cleans up at the end. */
export interface ProgressReporter {
  update(progress: ProducerProgress): void;
  stop(): void;
}

/** Picks the bar or the plain lines depending on whether `stream` is a TTY. */
export function createProgressReporter(total: number, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  return stream.isTTY ? barReporter(total, stream) : lineReporter(total, stream);
}

function barReporter(total: number, stream: NodeJS.WriteStream): ProgressReporter {
  const bar = new SingleBar(
    { stream, format: 'producing [{bar}] {percentage}% | {value}/{total} records | {failed} undeliverable | {calls} calls' },
    Presets.shades_classic,
  );
  bar.start(total, 0, { failed: 0, calls: 0 });
  return {
    update: (progress) => bar.update(progress.sent + progress.undeliverable, { failed: progress.undeliverable, calls: progress.calls }),
    stop: () => bar.stop(),
  };
}

function lineReporter(total: number, stream: NodeJS.WriteStream): ProgressReporter {
  const step = 10;
  let nextPercent = step;
  return {
    update: (progress) => {
      const percent = Math.floor(((progress.sent + progress.undeliverable) * 100) / total);
      if (percent < nextPercent) return;
      nextPercent = (Math.floor(percent / step) + 1) * step;
      stream.write(`progress: ${percent}% (${progress.sent} sent, ${progress.undeliverable} undeliverable, ${progress.calls} calls)\n`);
    },
    stop: () => undefined,
  };
}
