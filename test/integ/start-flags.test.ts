/** `npm start` with a wrong flag: a clear message naming it, the usage, exit code 2, and nothing started. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const REPOSITORY_ROOT = join(__dirname, '..', '..');

/** Ceilings, not timing assertions: on 2 cores shared with other jobs, one start took over 60 s. */
function runStart(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'local/start.ts', ...args], { cwd: REPOSITORY_ROOT, encoding: 'utf8', timeout: 150_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm start flag errors', () => {
  it.each([
    [['--no-such-flag'], 'Unknown flag --no-such-flag'],
    [['--target', 'mars'], '--target must be one of embedded|localstack|aws, got "mars"'],
    [['--jobs', 'lots'], '--jobs must be a whole number, got "lots"'],
    [['--workers', '0'], '--workers must be between 1 and 8, got 0'],
  ])('%j exits 2 with a message and the usage', (args, message) => {
    const run = runStart(args);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('usage: npm start');
    expect(run.stdout).toBe('');
  }, 180_000);
});

describe('npm start --help', () => {
  it('prints the usage on stdout and exits 0 without starting anything', () => {
    const run = runStart(['--help']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('usage: npm start');
    expect(run.stderr).toBe('');
  }, 180_000);
});
