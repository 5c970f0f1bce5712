/**
 * The side-by-side run on the embedded emulators: the email worker (SQS), the clickstream (Kinesis)
 * and the clickstream on Kafka (a real local broker) run at the same time, each with its own
 * emulators or broker on free loopback ports, so the broker's JVM start overlaps the other two.
 * The outcomes become one ComparisonResult. Everything it starts, the three runs stop.
 */
import { runEmbeddedClickstream } from '../clickstream/clickstream-run';
import type { EmailConsumerMode } from '../../runtime/email-worker/email-worker-choices';
import { runEmbeddedEmail } from '../email/email-run';
import { clickstreamComparisonOf } from './clickstream-comparison';
import { condensedReport } from './condensed-report';
import type { ComparisonProgress } from './comparison-progress';
import type { ComparisonResult } from './comparison-result';
import { emailComparisonOf } from './email-comparison';
import { kafkaNotes, runKafkaColumn } from './kafka-column-run';

/** How big a run is. */
export interface EmbeddedComparisonOptions {
  /** Email consumer runtime. @default 'fargate' (the stack's default) */
  readonly consumers?: EmailConsumerMode;
  /** Email jobs, malformed and failing ones included. */
  readonly jobs: number;
  /** Most email workers; the run starts with one and adds more under backlog. */
  readonly workers: number;
  /** Clickstream events. */
  readonly events: number;
  /** Clickstream users (partition keys). */
  readonly users: number;
  /** Partitions of the Kafka `clickstream` topic, replacing the template's. @default what the Kafka stack declares */
  readonly partitions?: number | undefined;
  /** Kafka analytics member processes (one is SIGKILLed mid-run). @default 4 */
  readonly members?: number;
  readonly progress: ComparisonProgress;
}

/**
 * Short timeouts and 4 receives before the DLQ, so redelivery and redrive show within seconds
 * (the stack's defaults are a 30 s job timeout, 30 s first retry and maxReceiveCount 5). Not 3:
 * the retry schedule would end before a killed worker's idempotency lease expires (retry-schedule.ts).
 */
const EMBEDDED_EMAIL_CONTEXT = { emailJobTimeoutSeconds: 5, emailRetryBaseDelaySeconds: 1, emailMaxReceiveCount: 4 } as const;
/** 5 % malformed jobs: each must go to the DLQ at once, with its reason. */
const MALFORMED_RATIO = 0.05;
/** 2 % of jobs go to recipients that refuse (SMTP 451) on every attempt: redelivered, then redriven. */
const FAILING_RATIO = 0.02;
/** The SMTP sink refuses those recipients on every attempt. */
const ALWAYS = Number.MAX_SAFE_INTEGER;
/** Visible messages per running worker above which one more worker starts. */
const BACKLOG_PER_WORKER = 100;
/** One user sends 20 % of the clickstream: a hot partition key. */
const HOT_USER_SHARE = 0.2;
/** 0.5 % poison records, written halfway through so valid records follow them on their shards. */
const POISON_RATIO = 0.005;

/** What this target does not show, whatever the figures. */
const EMBEDDED_NOTES = [
  'email: local context emailJobTimeoutSeconds=5, emailRetryBaseDelaySeconds=1, emailMaxReceiveCount=4 (stack defaults 30 s, 30 s, 5)',
  `email: ${FAILING_RATIO * 100} % of jobs go to a recipient the SMTP sink refuses (451) on every attempt, to show redelivery then redrive`,
  'email: redeliveries are counted from the consumers\' structured "job-retry-scheduled" log events (their ApproximateReceiveCount)',
  'clickstream: enhanced fan-out is read by polling (kinesis-local has no SubscribeToShard)',
  'clickstream: Firehose is played by the local archive delivery runner (stack settings; what it still buffers at the end is delivered then, not after 300 s); the bucket is fauxqs S3',
  'SQS FIFO and SNS-to-SQS fan-out: npm start -- --variants adds their table (see docs/choosing.md)',
];

export async function runEmbeddedComparison(options: EmbeddedComparisonOptions): Promise<ComparisonResult> {
  const { progress } = options;
  const [email, clickstream, kafka] = await Promise.all([
    runEmbeddedEmail({
      consumers: options.consumers ?? 'fargate',
      jobs: options.jobs,
      malformedRatio: MALFORMED_RATIO,
      transientRatio: FAILING_RATIO,
      transientAttempts: ALWAYS,
      workers: options.workers,
      initialWorkers: 1,
      backlogPerWorker: BACKLOG_PER_WORKER,
      context: EMBEDDED_EMAIL_CONTEXT,
      showProgress: false,
      onProgress: (state) => progress.email(state),
      log: (line) => {
        // Plain "jobs accounted for" lines duplicate the bar; everything else is worth a line.
        if (!line.startsWith('jobs accounted for') && !line.startsWith('not emulated')) progress.log(`email: ${line}`);
      },
    }),
    runEmbeddedClickstream({
      events: options.events,
      users: options.users,
      poisonRatio: POISON_RATIO,
      poisonPlacement: 'middle',
      hotUserShare: HOT_USER_SHARE,
      onProduced: (written, total) => progress.clickstream(written, total),
      log: (line) => {
        if (!line.includes('not emulated') && !line.includes('RetryAttemptsExhausted')) progress.log(line);
      },
    }),
    runKafkaColumn({
      events: options.events,
      users: options.users,
      ...(options.partitions === undefined ? {} : { partitions: options.partitions }),
      members: options.members ?? 4,
      log: (line) => progress.log(line.startsWith('kafka') ? line : `kafka: ${line}`),
    }),
  ]);
  const problems = [
    ...(email.completed ? [] : [`email: the run hit its deadline with ${email.lost.length} job(s) unaccounted for`]),
    ...(clickstream.undeliverable > 0 ? [`clickstream: ${clickstream.undeliverable} event(s) could not be written`] : []),
  ];
  return {
    target: 'embedded',
    email: emailComparisonOf(email),
    clickstream: clickstreamComparisonOf(clickstream),
    kafka,
    notes: [...problems, ...EMBEDDED_NOTES, ...kafkaNotes(kafka), ...condensedReport('email', email.environmentReport), ...condensedReport('clickstream', clickstream.environmentReport)],
  };
}
