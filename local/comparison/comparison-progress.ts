/**
 * Live progress of the side-by-side run: two cli-progress bars (email jobs accounted for, clickstream
 * events written) on a TTY, plain throttled lines otherwise (CI logs, pipes). With `--json` it writes
 * to stderr so stdout stays valid JSON.
 */
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { EmailRunProgress } from '../email/email-run';

/** What the run reports as it goes. */
export interface ComparisonProgress {
  email(progress: EmailRunProgress): void;
  clickstream(written: number, total: number): void;
  /** A line of the run's own log. */
  log(line: string): void;
  stop(): void;
}

/** Where progress goes. */
export interface ComparisonProgressOptions {
  readonly stream: NodeJS.WriteStream;
  /** Draw bars (the stream is a terminal). @default `stream.isTTY` */
  readonly tty?: boolean;
}

/** Plain lines at most this often per pattern, so CI logs stay readable. */
const PLAIN_LINE_INTERVAL_MS = 2_000;

function barProgress(stream: NodeJS.WriteStream): ComparisonProgress {
  const bars = new MultiBar(
    { format: '{pattern} {bar} {value}/{total} | {detail}', hideCursor: true, clearOnComplete: false, stream },
    Presets.shades_classic,
  );
  let emailBar: SingleBar | undefined;
  let clickstreamBar: SingleBar | undefined;
  return {
    email(progress) {
      emailBar ??= bars.create(progress.total, 0, { pattern: 'SQS email jobs     ', detail: '' });
      emailBar.update(progress.accountedFor, {
        detail: `delivered ${progress.delivered}, dead-lettered ${progress.deadLettered}, workers ${progress.workers}`,
      });
    },
    clickstream(written, total) {
      clickstreamBar ??= bars.create(total, 0, { pattern: 'Kinesis clickstream', detail: '' });
      clickstreamBar.update(written, { detail: written < total ? 'producing' : 'produced; consumers catching up' });
    },
    log: (line) => bars.log(`${line}\n`),
    stop: () => bars.stop(),
  };
}

function plainProgress(stream: NodeJS.WriteStream): ComparisonProgress {
  const lastLineAt = { email: 0, clickstream: 0 };
  const write = (line: string): void => void stream.write(`${line}\n`);
  const due = (pattern: keyof typeof lastLineAt, done: boolean): boolean => {
    if (!done && Date.now() - lastLineAt[pattern] < PLAIN_LINE_INTERVAL_MS) return false;
    lastLineAt[pattern] = Date.now();
    return true;
  };
  return {
    email(progress) {
      if (!due('email', progress.accountedFor === progress.total)) return;
      write(
        `email: ${progress.accountedFor}/${progress.total} jobs accounted for (delivered ${progress.delivered}, dead-lettered ${progress.deadLettered}, workers ${progress.workers})`,
      );
    },
    clickstream(written, total) {
      if (due('clickstream', written === total)) write(`clickstream: ${written}/${total} events written`);
    },
    log: write,
    stop: () => undefined,
  };
}

export function createComparisonProgress(options: ComparisonProgressOptions): ComparisonProgress {
  return (options.tty ?? options.stream.isTTY === true) ? barProgress(options.stream) : plainProgress(options.stream);
}
