/**
 * The email worker on an SQS standard queue, as it registers with the pattern registry: provisioned
 * from the synthesized EmailWorkerStack, competing workers scaled on backlog, malformed and
 * always-failing jobs injected, outcomes counted per job.
 */
import { buildEmailJobMix } from './email-job-mix';
import { runEmailPattern } from './email-pattern-run';
import type { EmailPatternOutcome } from './email-pattern-outcome';
import { EMAIL_FIGURES, emailCells, unmetEmailExpectations } from './email-pattern-cells';
import type { EmailComparison } from '../comparison/comparison-result';
import { condensedReport } from '../comparison/condensed-report';
import { emailDevComponent } from '../dev/email-dev-component';
import { meanBytes } from '../patterns/observed-workload';
import type { PatternEntry, PatternRunOutcome } from '../patterns/pattern-entry';
import type { PatternRunContext } from '../patterns/pattern-run-context';
import { emailLiveEvents } from '../web/email-live-events';
import { NO_LIVE_EVENTS } from '../web/run-event-sink';

/**
 * Short timeouts so redelivery and redrive show within seconds (the stack's defaults are a 30 s job
 * timeout, 30 s first retry and maxReceiveCount 5). 5 receives is the smallest count these timings
 * allow: fewer, and the retry schedule would end before a killed worker's idempotency lease expires,
 * with one receive kept for a worker killed before the job starts (retry-schedule.ts).
 */
const EMBEDDED_EMAIL_CONTEXT = { emailJobTimeoutSeconds: 5, emailRetryBaseDelaySeconds: 1, emailMaxReceiveCount: 5 } as const;
/** 5 % malformed jobs: each must go to the DLQ at once, with its reason. */
const MALFORMED_RATIO = 0.05;
/** 2 % of jobs go to recipients that refuse (SMTP 451) on every attempt: redelivered, then redriven. */
const FAILING_RATIO = 0.02;
/** Visible messages per running worker above which one more worker starts. */
const BACKLOG_PER_WORKER = 100;

/** What a local run plays differently from the stack's defaults. */
const EMBEDDED_EMAIL_NOTES = [
  'email: local context emailJobTimeoutSeconds=5, emailRetryBaseDelaySeconds=1, emailMaxReceiveCount=5 (stack defaults 30 s, 30 s, 5)',
  `email: ${FAILING_RATIO * 100} % of jobs go to a recipient the SMTP sink refuses (451) on every attempt, to show redelivery then redrive`,
];

/** How a deployed run observes what a local run sees at the sink. */
const DEPLOYED_EMAIL_NOTES = ['email.delivered = valid jobs with a COMPLETED idempotency record (there is no SMTP sink on a deployed target)'];

/** The run itself: a thin call, the same on every target (a deployed one has no sink to refuse, and scales its own workers). */
function runEmail(context: PatternRunContext): Promise<EmailPatternOutcome> {
  const { options, progress, target } = context;
  const bar = progress.bar({ pattern: 'email', label: 'SQS email jobs', unit: 'jobs accounted for' });
  const live = emailLiveEvents(context.liveEvents ?? NO_LIVE_EVENTS);
  return runEmailPattern(target.email, {
    consumers: options.consumers ?? 'fargate',
    jobs: options.jobs,
    malformedRatio: MALFORMED_RATIO,
    transientRatio: FAILING_RATIO,
    // The SMTP sink refuses those recipients on every attempt.
    transientAttempts: Number.MAX_SAFE_INTEGER,
    workers: options.workers,
    initialWorkers: 1,
    backlogPerWorker: BACKLOG_PER_WORKER,
    context: EMBEDDED_EMAIL_CONTEXT,
    showProgress: false,
    ...(target.deadlines === undefined ? {} : { deadlineMs: target.deadlines.consumersMs, metricsDeadlineMs: target.deadlines.metricsMs }),
    onProgress: (state) => {
      bar(state.accountedFor, state.total, `delivered ${state.delivered}, dead-lettered ${state.deadLettered}, workers ${state.workers}`);
      live(state);
    },
    log: (line) => {
      // Plain "jobs accounted for" lines duplicate the bar; everything else is worth a line.
      if (!line.startsWith('jobs accounted for') && !line.startsWith('not emulated')) progress.log(`email: ${line}`);
    },
  });
}

async function run(context: PatternRunContext): Promise<PatternRunOutcome<EmailComparison>> {
  const { completed: _completed, notes, details, ...figures } = await runEmail(context);
  const targetNotes = context.target.name === 'embedded' ? EMBEDDED_EMAIL_NOTES : DEPLOYED_EMAIL_NOTES;
  return { outcome: figures, notes: [...notes, ...targetNotes, ...condensedReport('email', details.environmentReport)] };
}

/** Mean size of the email jobs a run sends (the same builder the run uses). */
export function sampleEmailJobBytes(): number {
  const mix = buildEmailJobMix({ jobs: 100, malformedRatio: 0, transientRatio: 0, runId: 'run-0000000000' });
  return meanBytes(mix.validJobs.map((job) => Buffer.byteLength(JSON.stringify(job))));
}

export const emailPattern: PatternEntry<EmailComparison> = {
  key: 'email',
  heading: 'SQS task queue (email worker)',
  description: {
    provisioning: 'EmailWorkerStack synthesized, its queue, dead-letter queue (redrive policy) and idempotency table created on fauxqs and dynalite',
    consumers: ['competing workers (worker.ts, the Fargate task; or the Lambda handler through the local SQS event source), one at first, more under backlog'],
    traffic: 'email jobs sent with the real producer; 5 % malformed, 2 % to a recipient that always refuses',
    faults: 'malformed jobs (dead-lettered at once), always-failing recipients (redelivered, then redriven by SQS)',
    observation: 'the SMTP sink\'s deliveries, the dead-letter queue, the consumers\' structured log events and a receive after the run',
  },
  figures: EMAIL_FIGURES,
  schedule: 'always',
  run,
  cells: emailCells,
  expectations: unmetEmailExpectations,
  workload: (email) => ({
    recordBytes: sampleEmailJobBytes(),
    consumers: 1,
    ordering: 'none',
    work: 'task',
    ...(email.meanJobMs === undefined || email.meanJobMs === null ? {} : { workMs: email.meanJobMs }),
  }),
  dev: emailDevComponent,
};
