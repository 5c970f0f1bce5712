/**
 * Fargate entry point: `node --import tsx runtime/email-worker/worker.ts` (or the bundled image).
 * Reads the settings, polls until SIGTERM/SIGINT, drains (finish in-flight jobs, flush deletes,
 * release unstarted messages) and exits 0. ECS sends SIGKILL after the task's stopTimeout.
 * A receive error that retrying cannot fix (no such queue, access denied) drains and exits 2 (a
 * configuration error, like invalid settings), so the task fails visibly and ECS's deployment circuit breaker can roll back.
 */
import { exitCodeFor } from '../shared/errors';
import { startFargateWorker } from './fargate-worker';
import { loadEmailWorkerSettings } from './load-settings';
import { createEmailWorkerLogger } from './observability';
// Imported here, not loaded on demand: the image bundles this entry, and SMTP must work in it.
import { createSmtpMailer } from './smtp-mailer';

function main(): void {
  const logger = createEmailWorkerLogger();
  const worker = startFargateWorker(loadEmailWorkerSettings(), { logger, smtpMailerFactory: createSmtpMailer });
  worker.finished.then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error('worker stopped: receiving failed with an error retrying cannot fix', { error: error as Error });
      process.exit(exitCodeFor(error));
    },
  );
  const shutdown = (signal: NodeJS.Signals): void => {
    logger.info('shutdown requested: draining', { signal });
    worker.stop().catch((error: unknown) => {
      logger.error('drain failed', { error: error as Error });
      process.exit(1);
    });
  };
  // once: a second Ctrl+C falls through to Node's default and quits at once, for an impatient operator.
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

try {
  main();
} catch (error) {
  // Settings errors list every problem; print them plainly so `docker logs` shows the fix.
  console.error(error instanceof Error ? error.message : error);
  process.exit(exitCodeFor(error));
}
