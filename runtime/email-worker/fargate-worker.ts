/**
 * The Fargate adapter: an {@link SqsPoller} whose jobs run the shared email message processor,
 * each with an idempotency lease equal to the job timeout.
 */
import { SqsPoller, type SqsPollerOptions } from '../shared/sqs-poller/poller';
import { queuedMessageFromSqs } from '../shared/sqs-poller/queued-message';
import { createEmailWorkerRuntime, type EmailWorkerDependencies, type EmailWorkerRuntime } from './email-worker-runtime';
import { fixedLease } from './job';
import type { EmailWorkerSettings } from './load-settings';

/** Flush EMF metrics this often: CloudWatch charts them by the minute, so a few per minute suffice. */
const METRICS_FLUSH_INTERVAL_MS = 10_000;

/** A running Fargate worker. */
export interface FargateWorker {
  readonly poller: SqsPoller;
  readonly runtime: EmailWorkerRuntime;
  /** Drains the poller, publishes metrics, closes the mailer. Idempotent. */
  stop(): Promise<void>;
  /**
   * Settles once the worker has drained and closed: resolves after {@link FargateWorker.stop}, rejects
   * with the poller's `NonRetryableReceiveError` when a misconfiguration (no access, no queue) made it
   * stop by itself. The main process exits with its code (2) on that rejection, so the ECS deployment fails.
   */
  readonly finished: Promise<void>;
}

/**
 * Messages a task receives ahead of its free job slots: half a receive batch, so a slot that frees
 * up finds a message waiting while the next long poll returns. Kept small on purpose: a task that
 * is SIGKILLed (out of memory, a failed health check, stopTimeout passed) spends one receive of
 * every message it holds, and a prefetched message spends it without ever being tried. SIGTERM
 * releases them (visibility 0) instead; see SqsPoller.stop.
 */
export const FARGATE_PREFETCH = 5;

/** Poller tuning a test or benchmark may override. */
export type FargatePollerOverrides = Partial<Pick<SqsPollerOptions, 'waitTimeSeconds' | 'prefetch' | 'deleteFlushIntervalMs'>>;

/** Builds and starts the worker. */
export function startFargateWorker(
  settings: EmailWorkerSettings,
  dependencies: EmailWorkerDependencies = {},
  pollerOverrides: FargatePollerOverrides = {},
): FargateWorker {
  const runtime = createEmailWorkerRuntime(settings, dependencies);
  const jobTimeoutMs = settings.jobTimeoutSeconds * 1000;
  // The in-progress marker outlives no job (job timeout) and dies before SQS redelivers (visibility timeout > job timeout).
  const lease = fixedLease(jobTimeoutMs);
  const poller = new SqsPoller({
    prefetch: FARGATE_PREFETCH,
    ...pollerOverrides,
    sqs: runtime.sqs,
    queueUrl: settings.queueUrl,
    visibilityTimeoutSeconds: settings.visibilityTimeoutSeconds,
    concurrency: settings.workerConcurrency,
    jobTimeoutMs,
    logger: runtime.logger,
    processMessage: (message, heartbeat) => runtime.processMessage(queuedMessageFromSqs(message), lease, heartbeat),
  });
  const metricsTimer = setInterval(() => runtime.metrics.publishStoredMetrics(), METRICS_FLUSH_INTERVAL_MS);
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(metricsTimer);
    runtime.metrics.publishStoredMetrics();
    runtime.mailer.close();
  };
  const finished = poller.finished.then(close, (error: unknown) => {
    close();
    throw error;
  });
  // Handled here so an unobserved rejection cannot crash the process; observers still see it.
  finished.catch(() => undefined);
  poller.start();
  return {
    poller,
    runtime,
    finished,
    stop: () => poller.stop().then(close),
  };
}
