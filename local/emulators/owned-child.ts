/**
 * Starts a long-lived helper process (an emulator, the Kafka broker) that only its parent stops:
 *
 * - In its own process group (`detached`): Ctrl-C in a terminal sends SIGINT to the whole foreground
 *   group, and an emulator that exits on it takes the data its clients are still delivering with it
 *   (the archive's last buffer never reached the bucket). The parent stops its consumers first, then
 *   the emulators.
 * - Dies with its parent in every case: the reaper (child-process-reaper.ts) SIGKILLs it on any exit
 *   the parent survives long enough to run code for, and the preloaded guard (owned-child-guard.mjs)
 *   exits when the IPC channel to the parent closes, which also covers a SIGKILLed parent.
 * - Loopback only: the guard rewrites every TCP listen in a Node child to 127.0.0.1.
 *
 * `kill()` of the returned process signals its whole group, so a command run through the guard
 * process (owned-command-main.mjs) receives the signal as well.
 */
import { spawn, type ChildProcess, type StdioNull, type StdioPipe } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { killOnParentExit } from './child-process-reaper';

/** The preload that keeps a child on loopback and ends it with its parent. */
const GUARD_URL = pathToFileURL(join(__dirname, 'owned-child-guard.mjs')).href;
/** Runs a non-Node command under the guard. */
const COMMAND_MAIN = join(__dirname, 'owned-command-main.mjs');

/** Where and how to run the child. */
export interface OwnedChildOptions {
  /** Working directory. @default process.cwd() */
  readonly cwd?: string;
  /** Full environment. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** The child's stdout. @default 'ignore' */
  readonly stdout?: StdioNull | StdioPipe;
  /** The child's stderr. @default 'pipe' (kept by callers to explain a failed start) */
  readonly stderr?: StdioNull | StdioPipe;
}

/** Makes `kill()` signal the child's process group (it leads one: it was spawned detached). */
function signalWholeGroup(child: ChildProcess): void {
  const { pid } = child;
  child.kill = (signal: NodeJS.Signals | number = 'SIGTERM'): boolean => {
    if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return false;
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      return false;
    }
  };
}

function spawnGuarded(nodeArgs: readonly string[], options: OwnedChildOptions): ChildProcess {
  const child = spawn(process.execPath, ['--import', GUARD_URL, ...nodeArgs], {
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', options.stdout ?? 'ignore', options.stderr ?? 'pipe', 'ipc'],
  });
  // The channel only tells the child that its parent is alive; it must not keep the parent running.
  child.channel?.unref();
  signalWholeGroup(child);
  killOnParentExit(child);
  return child;
}

/** Runs a Node script (`node <script> ...args`) as an owned child. */
export function spawnOwnedNodeScript(script: string, args: readonly string[], options: OwnedChildOptions = {}): ChildProcess {
  return spawnGuarded([script, ...args], options);
}

/** Runs any command (e.g. `java`) as an owned child, through a small Node guard process. */
export function spawnOwnedCommand(command: string, args: readonly string[], options: OwnedChildOptions = {}): ChildProcess {
  return spawnGuarded([COMMAND_MAIN, command, ...args], options);
}
