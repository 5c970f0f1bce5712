/**
 * The Fargate worker as ECS runs it (a process): a misconfiguration that retrying cannot fix makes it
 * exit 2 (a configuration error) instead of idling forever, so the task fails and the deployment circuit breaker can act.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { EMAIL_WORKER_ENV } from '../../runtime/email-worker/settings';
import { EMULATOR_REGION, emulatorEnvironment } from '../../local/emulators/emulator-clients';
import { startSqsEmulator } from '../../local/emulators/sqs-emulator';
import type { RunningEmulator } from '../../local/emulators/child-emulator';

const REPOSITORY_ROOT = join(__dirname, '..', '..');
/** A ceiling for the process to give up, not a timing expectation. */
const EXIT_DEADLINE_MS = 60_000;

let sqsEmulator: RunningEmulator;

beforeAll(async () => {
  sqsEmulator = await startSqsEmulator();
});

afterAll(async () => {
  await sqsEmulator?.stop();
});

function runWorker(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/email-worker/worker.ts'], {
      cwd: REPOSITORY_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker still running after ${EXIT_DEADLINE_MS} ms:\n${output}`));
    }, EXIT_DEADLINE_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('email worker process', () => {
  it('exits 2 naming the error when its queue does not exist', async () => {
    // Prepare: valid settings, but the queue was never created
    const missingQueueUrl = `${sqsEmulator.endpoint}/000000000000/no-such-queue`;
    // Act
    const { code, output } = await runWorker({
      ...emulatorEnvironment({ sqs: sqsEmulator.endpoint }),
      POWERTOOLS_METRICS_DISABLED: 'true',
      [EMAIL_WORKER_ENV.queueUrl]: missingQueueUrl,
      [EMAIL_WORKER_ENV.deadLetterQueueUrl]: `${missingQueueUrl}-dlq`,
      [EMAIL_WORKER_ENV.idempotencyTableName]: 'unused-table',
      [EMAIL_WORKER_ENV.emailFrom]: 'sender@example.com',
      [EMAIL_WORKER_ENV.smtpUrl]: 'smtp://127.0.0.1:1',
      [EMAIL_WORKER_ENV.visibilityTimeoutSeconds]: '10',
      [EMAIL_WORKER_ENV.jobTimeoutSeconds]: '5',
    });
    // Assert
    expect(code).toBe(2);
    expect(output).toContain('receiving failed with an error retrying cannot fix');
    expect(output).toMatch(/QueueDoesNotExist|NonExistentQueue/);
  });

  it('exits 2 listing every missing setting', async () => {
    // Act
    const { code, output } = await runWorker({ AWS_REGION: EMULATOR_REGION });
    // Assert
    expect(code).toBe(2);
    expect(output).toContain(EMAIL_WORKER_ENV.queueUrl);
    expect(output).toContain(EMAIL_WORKER_ENV.idempotencyTableName);
  });
});
