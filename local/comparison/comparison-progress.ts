/**
 * Live progress of the side-by-side run: one cli-progress bar per pattern that asks for one on a
 * TTY, plain throttled lines otherwise (CI logs, pipes). With `--json` it writes to stderr so
 * stdout stays valid JSON.
 */
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { ProgressBarSpec, ProgressUpdate, RunProgress } from '../patterns/pattern-run-context';

/** What the run reports as it goes, and how the display ends. */
export interface ComparisonProgress extends RunProgress {
  stop(): void;
}

/** Where progress goes. */
export interface ComparisonProgressOptions {
  readonly stream: NodeJS.WriteStream;
  /** Draw bars (the stream is a terminal). @default `stream.isTTY` */
  readonly tty?: boolean;
}

/** Plain lines at most this often per bar, so CI logs stay readable. */
const PLAIN_LINE_INTERVAL_MS = 2_000;

function barProgress(stream: NodeJS.WriteStream): ComparisonProgress {
  const bars = new MultiBar(
    { format: '{label} {bar} {value}/{total} | {detail}', hideCursor: true, clearOnComplete: false, stream },
    Presets.shades_classic,
  );
  return {
    bar(spec: ProgressBarSpec): ProgressUpdate {
      let bar: SingleBar | undefined;
      return (done, total, detail) => {
        bar ??= bars.create(total, 0, { label: spec.label.padEnd(20), detail: '' });
        bar.update(done, { detail });
      };
    },
    log: (line) => bars.log(`${line}\n`),
    stop: () => bars.stop(),
  };
}

function plainProgress(stream: NodeJS.WriteStream): ComparisonProgress {
  const write = (line: string): void => void stream.write(`${line}\n`);
  return {
    bar(spec: ProgressBarSpec): ProgressUpdate {
      let lastLineAt = 0;
      return (done, total, detail) => {
        if (done !== total && Date.now() - lastLineAt < PLAIN_LINE_INTERVAL_MS) return;
        lastLineAt = Date.now();
        write(`${spec.pattern}: ${done}/${total} ${spec.unit}${detail === '' ? '' : ` (${detail})`}`);
      };
    },
    log: write,
    stop: () => undefined,
  };
}

export function createComparisonProgress(options: ComparisonProgressOptions): ComparisonProgress {
  return (options.tty ?? options.stream.isTTY === true) ? barProgress(options.stream) : plainProgress(options.stream);
}
