/**
 * `npm start -- --target localstack|aws` when the target cannot be used: a message that says what is
 * wrong and what to do, exit code 3, and no stack trace. Nothing leaves the machine: LocalStack is
 * a closed loopback port, and without a region the SDK fails before any request.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { freeLoopbackPort } from '../../local/emulators/free-port';

const REPOSITORY_ROOT = join(__dirname, '..', '..');
/** Variables that would give the SDK a region, a profile or an endpoint from the developer's shell. */
const AWS_VARIABLES = /^AWS_/;

function runStart(args: readonly string[], env: Readonly<Record<string, string>>): { code: number | null; stdout: string; stderr: string } {
  const cleanEnvironment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !AWS_VARIABLES.test(name)));
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'local/start.ts', ...args], {
    cwd: REPOSITORY_ROOT,
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...cleanEnvironment, ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A stack frame line, as Node prints them. */
const STACK_FRAME = /^\s+at /m;

describe('npm start against a target it cannot use', () => {
  it('--target localstack with nothing listening: says LocalStack does not answer and how to start it', async () => {
    const closedPort = await freeLoopbackPort();

    const run = runStart(['--target', 'localstack', '--events', '100', '--jobs', '10'], { AWS_ENDPOINT_URL: `http://127.0.0.1:${closedPort}` });

    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`LocalStack does not answer at http://127.0.0.1:${closedPort} (connect ECONNREFUSED 127.0.0.1:${closedPort})`);
    expect(run.stderr).toContain('npm run test:localstack -- --keep');
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stdout).toBe('');
  }, 90_000);

  it('--target aws with no region: names AWS_REGION', () => {
    const run = runStart(['--target', 'aws', '--events', '100', '--jobs', '10'], {
      // No config file, and fake keys: the SDK must not look for a region or credentials anywhere else.
      AWS_CONFIG_FILE: join(REPOSITORY_ROOT, 'no-such-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(REPOSITORY_ROOT, 'no-such-aws-credentials'),
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_EC2_METADATA_DISABLED: 'true',
    });

    expect(run.code).toBe(3);
    expect(run.stderr).toContain('no AWS region is set');
    expect(run.stderr).toContain('export AWS_REGION=');
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stdout).toBe('');
  }, 90_000);
});
