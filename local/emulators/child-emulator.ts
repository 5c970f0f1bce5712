import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'node:net';
import { spawnOwnedNodeScript } from './owned-child';
import { EmulatorStartError } from './emulator-start-error';

/** How to start one emulator as a child process on 127.0.0.1 (every listen is forced there). */
export interface ChildEmulatorSpec {
  /** Human-readable name used in errors and logs. */
  readonly name: string;
  /** Port the emulator will listen on (already chosen free). */
  readonly port: number;
  /** Script run with the current Node binary. */
  readonly script: string;
  /** Arguments after the script. @default [] */
  readonly args?: readonly string[];
  /** Working directory. @default process.cwd() */
  readonly cwd?: string;
  /** Extra environment variables. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** How long to wait for the port to accept connections (a ceiling, not a measurement). @default 60000 */
  readonly readyTimeoutMs?: number;
}

/** A running emulator. `stop()` is idempotent. */
export interface RunningEmulator {
  readonly name: string;
  readonly endpoint: string;
  readonly port: number;
  /** The child's process id (to check that it is gone after stop). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts the emulator and resolves once its port accepts TCP connections. */
export async function startChildEmulator(spec: ChildEmulatorSpec): Promise<RunningEmulator> {
  // Its own process group, loopback only, gone with this process (owned-child.ts): a Ctrl-C stops
  // the consumers first, and they still reach the emulator while they flush.
  const child = spawnOwnedNodeScript(spec.script, spec.args ?? [], { cwd: spec.cwd ?? process.cwd(), env: { ...process.env, ...spec.env } });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    // Keep only the tail: enough to explain a failed start.
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let exited = false;
  const exitPromise = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );

  // 60 s: on a 2-core machine shared with other work, fauxqs took more than 30 s to listen (2026-12-02).
  const deadline = Date.now() + (spec.readyTimeoutMs ?? 60_000);
  while (!(await canConnect(spec.port))) {
    if (exited) {
      throw new EmulatorStartError(`${spec.name} exited before listening on 127.0.0.1:${spec.port}: ${stderr.trim()}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new EmulatorStartError(`${spec.name} did not listen on 127.0.0.1:${spec.port} in time: ${stderr.trim()}`);
    }
    await sleep(100);
  }

  return {
    name: spec.name,
    port: spec.port,
    pid: child.pid,
    endpoint: `http://127.0.0.1:${spec.port}`,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 1_500);
      await exitPromise;
      clearTimeout(killTimer);
    },
  };
}
