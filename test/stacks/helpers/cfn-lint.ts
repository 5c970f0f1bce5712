/**
 * Runs cfn-lint (PyPI, the CloudFormation linter) with the project's .cfnlintrc.yaml. It is found in
 * the project's own virtual environment first (.venv/bin/cfn-lint, made by .ci/run), then on PATH.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO_ROOT = path.join(__dirname, '..', '..', '..');
/** The one config file: which checks are ignored, each with its reason. */
export const CFN_LINT_CONFIG = path.join(REPO_ROOT, '.cfnlintrc.yaml');
/** What to run to get the pinned cfn-lint (requirements-dev.txt holds the version). */
export const CFN_LINT_INSTALL_HINT = 'python3 -m venv .venv && .venv/bin/pip install -r requirements-dev.txt';

/** One finding of cfn-lint's JSON output. */
interface CfnLintMatch {
  readonly Filename: string;
  readonly Level: string;
  readonly Message: string;
  readonly Location: { readonly Path: readonly (string | number)[] };
  readonly Rule: { readonly Id: string };
}

/** The cfn-lint executable to use, or undefined when it is not installed. */
export function findCfnLint(): string | undefined {
  const projectLocal = path.join(REPO_ROOT, '.venv', 'bin', 'cfn-lint');
  if (fs.existsSync(projectLocal)) return projectLocal;
  const onPath = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  return onPath.status === 0 ? 'cfn-lint' : undefined;
}

/**
 * Lints `templatePaths` and returns every finding (errors, warnings and informational) as one line
 * each: `template: rule level at path: message`. Empty means clean.
 */
export function cfnLintFindings(executable: string, templatePaths: readonly string[]): string[] {
  const result = spawnSync(executable, ['--config-file', CFN_LINT_CONFIG, '--format', 'json', '--', ...templatePaths], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error !== undefined) throw result.error;
  // Exit codes are a bit mask of what was found (2 error, 4 warning, 8 informational); 1 is a crash.
  if (result.status === 1 || result.stdout.trim() === '') {
    throw new Error(`cfn-lint failed (exit ${result.status}): ${result.stderr.trim() || result.stdout.trim()}`);
  }
  const matches = JSON.parse(result.stdout) as CfnLintMatch[];
  return matches.map((match) =>
    `${path.basename(match.Filename)}: ${match.Rule.Id} ${match.Level} at ${match.Location.Path.join('/')}: ${match.Message}`);
}
