/**
 * On a Node older than the project's floor, `npm test` and `npm start` stop at once with one clear
 * message, and `npm start -- --help` still prints the usage. Needs an old Node binary: QOS_OLD_NODE,
 * or /usr/bin/node when it is older than 22 (Node 20 on this project's CI machine); skipped, with
 * the reason printed, when there is none.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { nodeVersionProblem } from '../../scripts/check-node.cjs';

const REPOSITORY_ROOT = join(__dirname, '..', '..');
const TSX_CLI = join(REPOSITORY_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function run(node: string, args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(node, [...args], { cwd: REPOSITORY_ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function findOldNode(): { node: string; version: string } | undefined {
  const candidate = process.env['QOS_OLD_NODE'] ?? '/usr/bin/node';
  if (!existsSync(candidate)) return undefined;
  const version = run(candidate, ['-p', 'process.versions.node']).stdout.trim();
  return Number(version.split('.')[0]) < 22 ? { node: candidate, version } : undefined;
}

const oldNode = findOldNode();
if (oldNode === undefined) console.log('start-old-node: skipped, no Node older than 22 (set QOS_OLD_NODE to one)');
const describeWithOldNode = oldNode === undefined ? describe.skip : describe;

describeWithOldNode('on a Node older than 22', () => {
  const { node, version } = oldNode ?? { node: '', version: '' };

  it('npm test stops at once, naming the Node version', () => {
    const result = run(node, ['scripts/check-node.cjs', 'npm test']);

    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(nodeVersionProblem('npm test', version));
  });

  it('npm start stops with the same message', () => {
    const result = run(node, [TSX_CLI, 'local/start.ts', '--jobs', '10']);

    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(nodeVersionProblem('npm start', version));
  }, 60_000);

  it('npm start -- --help still prints the usage', () => {
    const result = run(node, [TSX_CLI, 'local/start.ts', '--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('usage: npm start');
  }, 60_000);
});
