/**
 * Everything `npm run dev` starts listens on loopback only: the emulators (fauxqs hard-codes 0.0.0.0,
 * kinesis-local binds every interface; both are forced to 127.0.0.1), the SMTP sink, the status
 * server and the Kafka broker when Java is there. The test reads the kernel's own tables (Linux
 * /proc/net/tcp and tcp6) for the listening sockets of the dev process and every process under it,
 * and fails on any address that is not loopback.
 *
 * Then it SIGKILLs the dev process (no code of it runs): every emulator and the broker still go,
 * because each watches its IPC channel to the parent.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const REPOSITORY_ROOT = join(__dirname, '..', '..');
/** Loopback as /proc/net/tcp{,6} write it: 127.0.0.0/8, ::1 and ::ffff:127.x.x.x (little-endian words). */
const LOOPBACK = [/^[0-9A-F]{6}7F$/, /^0{24}01000000$/, /^0{16}FFFF0000[0-9A-F]{6}7F$/];

interface ListeningSocket {
  readonly pid: number;
  readonly command: string;
  readonly address: string;
  readonly port: number;
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

/** Every process whose parent chain leads to `root`, and `root` itself. */
function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const stat = readOr(`/proc/${entry}/stat`, '');
    if (stat !== '') parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
  }
  const inTree = (pid: number): boolean => {
    for (let current: number | undefined = pid; current !== undefined && current > 1; current = parentOf.get(current)) if (current === root) return true;
    return false;
  };
  return [...parentOf.keys()].filter(inTree);
}

/** Socket inode to the listening address (`/proc/net/tcp` and `tcp6`, state 0A = LISTEN). */
function listeningByInode(): Map<string, { address: string; port: number }> {
  const byInode = new Map<string, { address: string; port: number }>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readOr(table, '').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [local, state, inode] = [fields[1], fields[3], fields[9]];
      if (local === undefined || state !== '0A' || inode === undefined) continue;
      const [address = '', port = '0'] = local.split(':');
      byInode.set(inode, { address, port: parseInt(port, 16) });
    }
  }
  return byInode;
}

/** The entries of a /proc folder, or none when the process has gone. */
function listOr(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

/** Where a /proc fd link points, or '' when the fd or the process has gone. */
function linkOr(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

/** The listening TCP sockets held by `pids`. */
function listeningSocketsOf(pids: readonly number[]): ListeningSocket[] {
  const listening = listeningByInode();
  return pids.flatMap((pid) => {
    const command = readOr(`/proc/${pid}/cmdline`, '').replaceAll('\0', ' ').trim().slice(0, 160);
    return listOr(`/proc/${pid}/fd`).flatMap((fd) => {
      const found = listening.get(/^socket:\[(\d+)\]$/.exec(linkOr(`/proc/${pid}/fd/${fd}`))?.[1] ?? '');
      return found === undefined ? [] : [{ pid, command, ...found }];
    });
  });
}

const isRunning = (pid: number): boolean => !/\) [ZX] /.test(readOr(`/proc/${pid}/stat`, ') X '));

describe('npm run dev listens on loopback only', () => {
  const mailbox = mkdtempSync(join(tmpdir(), 'qos-sockets-mailbox-'));
  let dev: ChildProcess;
  let tree: number[] = [];

  beforeAll(async () => {
    dev = spawn(process.execPath, ['--import', 'tsx', 'local/dev.ts', '--json', '--mailbox', mailbox], { cwd: REPOSITORY_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    dev.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: dev.stdout! }).once('line', () => resolve());
      dev.once('exit', (code) => reject(new Error(`npm run dev exited (${code}) before it was ready: ${stderr}`)));
    });
    tree = processTree(dev.pid ?? -1);
  }, 400_000);

  afterAll(() => {
    for (const pid of [dev.pid ?? 0, ...tree]) if (pid > 0 && isRunning(pid)) process.kill(pid, 'SIGKILL');
    rmSync(mailbox, { recursive: true, force: true });
  });

  it('has no listening socket on an address other than loopback', () => {
    const sockets = listeningSocketsOf(tree);
    // fauxqs x2, dynalite x2, kinesis-local (plain and TLS), the SMTP sink and the status server at least.
    expect(sockets.length).toBeGreaterThanOrEqual(8);
    const exposed = sockets.filter((socket) => !LOOPBACK.some((pattern) => pattern.test(socket.address)));
    expect(exposed).toEqual([]);
  });

  it('takes every emulator and the broker along when the dev process is SIGKILLed', async () => {
    const emulators = tree.filter((pid) => /owned-child-guard\.mjs|^java\0/.test(readOr(`/proc/${pid}/cmdline`, '')));
    // fauxqs x2, dynalite x2, kinesis-local (and the broker's JVM and its guard when Java is there).
    expect(emulators.length).toBeGreaterThanOrEqual(5);
    dev.kill('SIGKILL');
    const deadline = Date.now() + 15_000;
    while (emulators.some(isRunning) && Date.now() < deadline) await sleep(200);
    expect(emulators.filter(isRunning)).toEqual([]);
  }, 30_000);
});
