/**
 * The watch loop of an email run: counts the outcome every check, shows progress, and adds a worker
 * while the queue's visible backlog (the queue attribute the stack's step scaling reads) exceeds
 * its share per running worker, as long as the run controls the workers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { queueDepth, workersToAdd, type BacklogScalingPolicy, type ScalingStep } from './backlog-scaler';
import type { EmailObserver } from './email-observer';
import { isEveryJobAccountedFor } from './email-run-outcome';
import type { EmailCompute } from './email-target';
import { createRunProgress } from './run-progress';

/** Counts of a run in progress. */
export interface EmailRunProgress {
  readonly accountedFor: number;
  readonly total: number;
  readonly delivered: number;
  readonly deadLettered: number;
  readonly workers: number;
  /** Messages the queue reports visible and in flight at this check (read once a check, whatever the workers). */
  readonly visible: number;
  readonly inFlight: number;
}

/** What the loop watches. */
export interface EmailRunWatch {
  /** Prefix of log lines. */
  readonly label: string;
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly compute: EmailCompute;
  readonly observer: EmailObserver;
  readonly scaling: BacklogScalingPolicy;
  /** Epoch ms after which the loop stops waiting. */
  readonly deadline: number;
  readonly options: {
    readonly showProgress?: boolean;
    readonly onProgress?: (progress: EmailRunProgress) => void;
  };
  readonly log: (line: string) => void;
}

/**
 * How often the run reads the table and the DLQ: each read scans the run's idempotency records
 * (a deployed table too), so once a second rather than continuously.
 */
const CHECK_INTERVAL_MS = 1_000;

/** Loops until every job is accounted for or the deadline passes; returns the scaling steps taken. */
export async function watchEmailRun(watch: EmailRunWatch): Promise<ScalingStep[]> {
  const { observer, compute, options } = watch;
  const total = observer.latest.enqueued;
  const progress = createRunProgress(total, watch.log, options.showProgress === false ? false : undefined);
  const steps: ScalingStep[] = [];
  let lastStepAt = Date.now();
  try {
    while (!isEveryJobAccountedFor(observer.latest) && Date.now() < watch.deadline) {
      await sleep(CHECK_INTERVAL_MS);
      const outcome = await observer.observe();
      const accountedFor = outcome.enqueued - outcome.lost.length;
      progress.update(accountedFor, `delivered ${outcome.delivered}, dead-lettered ${outcome.deadLettered}`);
      const depth = await queueDepth(watch.sqs, watch.queueUrl);
      if (compute.workers() < compute.maxWorkers && scaleOnBacklog(watch, depth.visible, Date.now() - lastStepAt, steps)) lastStepAt = Date.now();
      options.onProgress?.({ accountedFor, total, delivered: outcome.delivered, deadLettered: outcome.deadLettered, workers: compute.workers(), ...depth });
    }
  } finally {
    progress.stop();
  }
  return steps;
}

function scaleOnBacklog(watch: EmailRunWatch, backlog: number, msSinceLastStep: number, steps: ScalingStep[]): boolean {
  if (workersToAdd(watch.scaling, watch.compute.workers(), backlog, msSinceLastStep) === 0) return false;
  watch.compute.startWorker();
  steps.push({ backlog, workers: watch.compute.workers() });
  watch.log(`${watch.label}: backlog ${backlog} > ${watch.scaling.backlogPerWorker} per worker: started worker ${watch.compute.workers()}`);
  return true;
}
