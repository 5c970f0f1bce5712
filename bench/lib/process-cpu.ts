/**
 * CPU time of this process and of its child processes (the emulators), so a benchmark can tell
 * which side saturates a core: the code under test or the emulator it talks to.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports /proc times in clock ticks; USER_HZ is 100 on every mainstream kernel build. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU milliseconds (user + system) used so far by this process. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function childPids(): number[] {
  const taskDir = `/proc/${process.pid}/task`;
  return readdirSync(taskDir).flatMap((threadId) =>
    readFileSync(`${taskDir}/${threadId}/children`, 'utf8')
      .split(' ')
      .filter((pid) => pid.trim() !== '')
      .map(Number),
  );
}

function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at field 3; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * CPU milliseconds used so far by the direct child processes still running, or `undefined` where
 * /proc is not available (not Linux) so callers can leave the figure out instead of guessing.
 */
export function childrenCpuMs(): number | undefined {
  try {
    return childPids().reduce((total, pid) => total + processCpuMs(pid), 0);
  } catch {
    return undefined;
  }
}

/** CPU used by this process and its children between `start()` and `stop()`. */
export interface CpuSample {
  /** This process's CPU time in the interval, as a share of one core (1 = one core busy). */
  readonly ownCores: number;
  /** The children's CPU time in the interval, as a share of one core; `undefined` without /proc. */
  readonly childrenCores: number | undefined;
}

/** Starts measuring CPU use; call the returned function at the end of the interval. */
export function startCpuSample(): () => CpuSample {
  const wallStart = performance.now();
  const ownStart = ownCpuMs();
  const childrenStart = childrenCpuMs();
  return () => {
    const wallMs = performance.now() - wallStart;
    const childrenEnd = childrenCpuMs();
    return {
      ownCores: (ownCpuMs() - ownStart) / wallMs,
      childrenCores:
        childrenStart === undefined || childrenEnd === undefined ? undefined : (childrenEnd - childrenStart) / wallMs,
    };
  };
}
