/** The page's scripts are plain JavaScript served as they are; they are type-checked (checkJs, DOM lib) against the live events' types. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const REPOSITORY_ROOT = join(__dirname, '..', '..');

it('type-checks the page scripts', () => {
  const tsc = join(REPOSITORY_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  expect(() => execFileSync(process.execPath, [tsc, '--noEmit', '-p', 'local/web/assets'], { cwd: REPOSITORY_ROOT, encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
  // A ceiling for a busy 2-core machine, not a timing assertion.
}, 300_000);
