/**
 * Runs analytics members as separate processes (`runtime/kafka/analytics-member/member.ts` under tsx), as
 * Fargate runs them as tasks: so a member can be SIGKILLed mid-batch and the group must cope.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { KAFKA_ENV } from '../../runtime/kafka/kafka-names';
import { killOnParentExit } from '../emulators/child-process-reaper';

const REPO_ROOT = join(__dirname, '..', '..');
const MEMBER_ENTRY = join(REPO_ROOT, 'runtime', 'kafka', 'analytics-member', 'member.ts');
/** How much of a member's stderr is kept: enough for its last fault lines. */
const STDERR_TAIL_CHARS = 4000;

/** One member process. */
export interface AnalyticsMemberProcess {
  readonly memberId: string;
  /** Resolves when the member has joined (its `started` line). */
  readonly started: Promise<void>;
  /** Totals the member printed on a clean stop (undefined after SIGKILL). */
  readonly exited: Promise<string | undefined>;
  /** SIGKILL: no commit, no leave; the group notices after the session timeout. */
  kill(): void;
  /** SIGTERM: commit what it processed, leave the group, exit. */
  stop(): Promise<void>;
  /** The last lines the member wrote to stderr (its fault lines). */
  stderr(): string;
}

/** Starts one member process against `bootstrapServers` (plaintext). */
export function startAnalyticsMemberProcess(
  memberId: string,
  bootstrapServers: readonly string[],
  extraEnv: Readonly<Record<string, string>> = {},
): AnalyticsMemberProcess {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', MEMBER_ENTRY], {
    cwd: REPO_ROOT,
    env: { ...process.env, [KAFKA_ENV.bootstrapServers]: bootstrapServers.join(','), [KAFKA_ENV.auth]: 'none', ANALYTICS_MEMBER_ID: memberId, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnParentExit(child);
  let stdout = '';
  let stderr = '';
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve, reject) => {
    markStarted = resolve;
    child.once('exit', (code) => reject(new Error(`analytics member ${memberId} exited (${code}) before joining: ${stderr.slice(-1000)}`)));
  });
  // Callers that never await `started` must not see an unhandled rejection.
  started.catch(() => undefined);
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('"started":true')) markStarted();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL_CHARS);
  });
  const exited = new Promise<string | undefined>((resolve) =>
    child.once('exit', () => resolve(stdout.split('\n').find((line) => line.includes('"processed"')))),
  );
  return {
    memberId,
    started,
    exited,
    kill: () => {
      child.kill('SIGKILL');
    },
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
