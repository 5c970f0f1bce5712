/**
 * Starts the email consumers as child processes (one per "task" or slice of the Lambda service)
 * and stops them: SIGTERM, then SIGKILL after the container's stopTimeout, as ECS does.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { killOnParentExit } from '../emulators/child-process-reaper';

/** Repository root: children run from here so `--import tsx` and relative paths resolve. */
export const REPOSITORY_ROOT = join(__dirname, '..', '..');

/** What to run in each consumer process. */
export interface ConsumerProcessSpec {
  /** Label, also the SMTP login (so the sink can count per worker), e.g. `worker-1`. */
  readonly id: string;
  /** TypeScript entry point, relative to the repository root. */
  readonly entry: string;
  /** Full environment of the child. */
  readonly env: Readonly<Record<string, string>>;
}

/** How a consumer process ended. */
export interface ConsumerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A running consumer. */
export interface ConsumerProcess {
  readonly id: string;
  readonly pid: number | undefined;
  /** Resolves when the process has exited. */
  readonly exited: Promise<ConsumerExit>;
  /** The last lines it wrote (stdout and stderr), for diagnosing a failed run. */
  outputTail(): string;
  kill(signal: NodeJS.Signals): void;
}

/** Characters of output kept per consumer. */
const OUTPUT_TAIL_CHARACTERS = 8_000;

/** Optional observers of a consumer process. */
export interface ConsumerProcessObservers {
  /** Called with every complete line the process writes (stdout and stderr). @default none */
  readonly onLine?: (line: string) => void;
}

/** Calls `onLine` per complete line of a stream of chunks (a line may span chunks). */
function lineSplitter(onLine: (line: string) => void): (chunk: Buffer) => void {
  let partial = '';
  return (chunk) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    lines.forEach(onLine);
  };
}

/** Spawns `node --import tsx <entry>` with exactly `spec.env` (plus PATH/HOME to find node and tsx). */
export function startConsumerProcess(spec: ConsumerProcessSpec, observers: ConsumerProcessObservers = {}): ConsumerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', spec.entry], {
    cwd: REPOSITORY_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnParentExit(child);
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString()).slice(-OUTPUT_TAIL_CHARACTERS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (observers.onLine !== undefined) {
    child.stdout?.on('data', lineSplitter(observers.onLine));
    child.stderr?.on('data', lineSplitter(observers.onLine));
  }
  const exited = new Promise<ConsumerExit>((resolve) =>
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
    }),
  );
  return {
    id: spec.id,
    pid: child.pid,
    exited,
    outputTail: () => tail,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

/** SIGTERM, then SIGKILL if it has not exited after `graceMs` (ECS: the container's stopTimeout). */
export async function stopConsumerProcess(consumer: ConsumerProcess, graceMs: number): Promise<ConsumerExit> {
  consumer.kill('SIGTERM');
  const timer = setTimeout(() => consumer.kill('SIGKILL'), graceMs);
  try {
    return await consumer.exited;
  } finally {
    clearTimeout(timer);
  }
}
