/**
 * The email pattern's run, written once for every target: the job mix (valid, malformed and
 * refusing-recipient jobs) enqueued with the real producer, the consumers the target supplies
 * (scaled on the queue's visible backlog where the run controls them), fault injection while they
 * work, and the outcome read back from the idempotency table, the DLQ and the EmailsSent metric.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { enqueueEmails } from '../../runtime/email-worker/enqueue-emails';
import type { EmailConsumerMode } from '../../runtime/email-worker/email-worker-choices';
import { newRunPrefix } from '../provisioning/physical-names';
import { type BacklogScalingPolicy, type ScalingStep } from './backlog-scaler';
import { buildEmailJobMix, type EmailJobMix } from './email-job-mix';
import { EmailObserver } from './email-observer';
import { emailOutcomeOf, type EmailPatternOutcome } from './email-pattern-outcome';
import { isEveryJobAccountedFor } from './email-run-outcome';
import type { EmailCompute, EmailTarget, EmailTargetSession } from './email-target';
import { EnqueueRefusedError } from './enqueue-refused-error';
import { sendRawBodies } from './send-raw-bodies';
import { watchEmailRun, type EmailRunProgress } from './watch-email-run';

/** Options of one run. */
export interface EmailPatternOptions<Faults> {
  readonly consumers: EmailConsumerMode;
  /** Jobs to enqueue, malformed ones included. @default 300 */
  readonly jobs?: number;
  /** Share of malformed jobs. @default 0.05 */
  readonly malformedRatio?: number;
  /** Share of jobs whose recipient the local sink refuses (451); 0 where the target has no sink. @default 0.02 */
  readonly transientRatio?: number;
  /** Attempts the sink refuses per refusing recipient. @default 2 */
  readonly transientAttempts?: number;
  /** Most consumer processes the run starts (fargate: tasks; lambda: slices of the mapping's MaximumConcurrency). @default 2 */
  readonly workers?: number;
  /** Consumers started with the run; more are added up to `workers` under backlog. @default `workers` */
  readonly initialWorkers?: number;
  /** Visible messages per running worker above which one more is started. @default 50 */
  readonly backlogPerWorker?: number;
  /** Where progress and the report go. @default console.log */
  readonly log?: (line: string) => void;
  /** Show progress (a bar on a TTY). @default true */
  readonly showProgress?: boolean;
  /** CDK context for a local stack. @default { emailJobTimeoutSeconds: 5, emailRetryBaseDelaySeconds: 1 } */
  readonly context?: Readonly<Record<string, unknown>>;
  /** The run gives up waiting after this long and reports what is missing. @default 120000 */
  readonly deadlineMs?: number;
  /** Longest wait for the EmailsSent metric to reach the deliveries. @default 0: read it once */
  readonly metricsDeadlineMs?: number;
  /** The local sink holds each DATA reply this long. @default 0 */
  readonly smtpDataResponseDelayMs?: number;
  /** Runs alongside the consumers (e.g. kills one); the run waits for it. @default none */
  readonly duringRun?: (faults: Faults) => Promise<void>;
  /** Called at every check with the counts so far. @default none */
  readonly onProgress?: (progress: EmailRunProgress) => void;
}

/** Short timeouts so a local run's retries and redeliveries take seconds, not minutes. */
const DEFAULT_LOCAL_CONTEXT = { emailJobTimeoutSeconds: 5, emailRetryBaseDelaySeconds: 1 };
/** One scaling step at most every 2 s: a new worker needs about that long to start and pull its share. */
const SCALING_COOLDOWN_MS = 2_000;
/** Default backlog per worker before adding one: a few seconds of one worker's local throughput. */
const DEFAULT_BACKLOG_PER_WORKER = 50;

/** Runs the email pattern on `target` and returns its comparison figures with the details behind them. */
export async function runEmailPattern<Faults>(target: EmailTarget<Faults>, options: EmailPatternOptions<Faults>): Promise<EmailPatternOutcome> {
  const log = options.log ?? ((line: string) => console.log(line));
  const session = await target.open({
    consumers: options.consumers,
    context: options.context ?? DEFAULT_LOCAL_CONTEXT,
    transientAttempts: options.transientAttempts ?? 2,
    smtpDataResponseDelayMs: options.smtpDataResponseDelayMs ?? 0,
    log,
  });
  try {
    for (const line of session.environmentReport) log(line);
    return await runOnSession(session, options, log);
  } finally {
    await session.close();
  }
}

async function runOnSession<Faults>(session: EmailTargetSession<Faults>, options: EmailPatternOptions<Faults>, log: (line: string) => void): Promise<EmailPatternOutcome> {
  const startedAt = new Date();
  const runId = newRunPrefix();
  const mix = await enqueueMix(session, options, runId);
  log(`${session.label}: enqueued ${mix.validJobs.length} valid and ${mix.malformedJobs.length} malformed jobs`);
  const maxWorkers = options.workers ?? 2;
  const compute = session.startCompute(Math.min(maxWorkers, Math.max(1, options.initialWorkers ?? maxWorkers)), maxWorkers);
  const observer = new EmailObserver(session, mix, runId);
  try {
    const scaling = scalingPolicy(compute, options);
    if (compute.maxWorkers > 0) log(`${session.label}: started ${compute.workers()} of up to ${compute.maxWorkers} consumer processes`);
    const watched = await watchWithFaults(session, compute, observer, scaling, options, log);
    await compute.stop();
    // Count again after the drain: a late duplicate or dead letter must not escape the summary.
    await observer.observe();
    if (!watched.completed) for (const tail of compute.outputTails()) log(tail);
    return emailOutcomeOf({
      session,
      compute,
      outcome: observer.latest,
      completed: watched.completed,
      scaling: compute.maxWorkers === 0 ? null : { initial: scaling.initialWorkers, peak: compute.workers(), steps: watched.steps },
      emailsSentMetric: await observer.emailsSent(startedAt, options.metricsDeadlineMs ?? 0),
      receivableAfterRun: await observer.receivableAfterRun(),
    });
  } finally {
    await compute.stop();
  }
}

async function enqueueMix<Faults>(session: EmailTargetSession<Faults>, options: EmailPatternOptions<Faults>, runId: string): Promise<EmailJobMix> {
  const built = buildEmailJobMix({
    jobs: options.jobs ?? 300,
    malformedRatio: options.malformedRatio ?? 0.05,
    transientRatio: session.recipient === undefined ? (options.transientRatio ?? 0.02) : 0,
    runId,
  });
  const recipient = session.recipient;
  const mix = recipient === undefined ? built : { ...built, validJobs: built.validJobs.map((job) => ({ ...job, to: recipient })) };
  const { queueUrl } = session.resources;
  const { failures } = await enqueueEmails(mix.validJobs, { queueUrl, sqs: session.sqs });
  if (failures.length > 0) throw new EnqueueRefusedError(failures.length, failures[0]?.message ?? '');
  const bodies = mix.malformedJobs.map((job) => job.body);
  const { accepted, firstRefusal } = await sendRawBodies(session.sqs, queueUrl, bodies);
  if (accepted < bodies.length) throw new EnqueueRefusedError(bodies.length - accepted, firstRefusal ?? '');
  return mix;
}

function scalingPolicy<Faults>(compute: EmailCompute, options: EmailPatternOptions<Faults>): BacklogScalingPolicy {
  return {
    initialWorkers: compute.workers(),
    maxWorkers: compute.maxWorkers,
    backlogPerWorker: options.backlogPerWorker ?? DEFAULT_BACKLOG_PER_WORKER,
    cooldownMs: SCALING_COOLDOWN_MS,
  };
}

/** Watches the run until every job is accounted for, with the faults running alongside. */
async function watchWithFaults<Faults>(
  session: EmailTargetSession<Faults>,
  compute: EmailCompute,
  observer: EmailObserver,
  scaling: BacklogScalingPolicy,
  options: EmailPatternOptions<Faults>,
  log: (line: string) => void,
): Promise<{ completed: boolean; steps: readonly ScalingStep[] }> {
  const deadline = Date.now() + (options.deadlineMs ?? 120_000);
  const deliveredSoFar = (): number => session.mailbox?.received() ?? observer.latest.delivered;
  const faults = options.duringRun?.(
    session.faults(async (count) => {
      while (deliveredSoFar() < count && Date.now() < deadline) await sleep(50);
    }),
  );
  const steps = await watchEmailRun({ label: session.label, sqs: session.sqs, queueUrl: session.resources.queueUrl, compute, observer, scaling, deadline, options, log });
  await faults;
  return { completed: isEveryJobAccountedFor(observer.latest), steps };
}
