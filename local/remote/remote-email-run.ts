/**
 * The email half of a remote run: the same traffic as the embedded run (valid jobs through
 * `enqueueEmails`, malformed ones sent raw) onto the deployed queue, then what the real consumers
 * did, read back from the idempotency table, the DLQ and (on AWS) the EmailsSent metric.
 *
 * Every jobId carries the run id, so a run counts only its own records and messages, even on a
 * stack that has served other runs.
 */
import type { Message } from '@aws-sdk/client-sqs';
import { sendRawBodies } from '../email/send-raw-bodies';
import { enqueueEmails } from '../../runtime/email-worker/enqueue-emails';
import { DEAD_LETTER_ATTRIBUTES } from '../../runtime/email-worker/message-disposition';
import { EMAIL_WORKER_METRICS } from '../../runtime/email-worker/metric-names';
import { REDRIVEN_AFTER_MAX_RECEIVES } from '../email/dead-letter-collector';
import { buildEmailJobMix } from '../email/email-job-mix';
import type { DeployedEmailWorker } from './deployed-stacks';
import { readCompletedJobs } from './idempotency-records';
import { waitForMetricSum } from './metric-sum';
import { pollUntil } from './poll-until';
import { inspectQueue, type QueueInspection } from './queue-inspection';
import type { RemoteClients } from './remote-clients';

/**
 * SES's mailbox simulator: accepted in the SES sandbox without verifying the recipient, and it
 * bounces nothing, so a sandbox account can run the suite.
 */
export const SES_SIMULATOR_SUCCESS_ADDRESS = 'success@simulator.amazonses.com';
/** 5 % malformed, as in the embedded run and the integration tests. */
const DEFAULT_MALFORMED_RATIO = 0.05;

/** Options of the email half. */
export interface RemoteEmailRunOptions {
  readonly clients: Pick<RemoteClients, 'sqs' | 'dynamoDb' | 'cloudWatch'>;
  readonly deployment: DeployedEmailWorker;
  /** Prefix of every jobId of this run. */
  readonly runId: string;
  /** Jobs to send, malformed ones included. */
  readonly jobs: number;
  /** Share of malformed jobs, 0..1. @default 0.05 */
  readonly malformedRatio?: number;
  /** Recipient of every valid job. @default the SES mailbox simulator's success address */
  readonly recipient?: string;
  /** Longest wait for the consumers to settle every job, in ms. */
  readonly deadlineMs: number;
  /** Longest wait for the EmailsSent metric, in ms; 0 skips it (LocalStack does not extract EMF). */
  readonly metricsDeadlineMs: number;
  /** Delete this run's DLQ messages once counted; otherwise leave them (released, visible) for a look. */
  readonly deleteDeadLetters: boolean;
  readonly log: (line: string) => void;
}

/** What the deployed email worker did with one run's jobs. */
export interface RemoteEmailObservation {
  /** Messages SQS accepted (valid and malformed). */
  readonly enqueued: number;
  readonly validJobs: number;
  readonly malformedJobs: number;
  /** Valid jobs with a COMPLETED idempotency record. */
  readonly delivered: number;
  /** Valid jobIds with no COMPLETED record and not in the DLQ when the wait ended. */
  readonly unsettledJobIds: readonly string[];
  /** jobIds with more than one COMPLETED record (the store keys by jobId: expect none). */
  readonly jobIdsWithSeveralRecords: readonly string[];
  /** This run's messages in the DLQ. */
  readonly deadLettered: number;
  readonly malformedDeadLettered: number;
  /** Valid jobs found in the DLQ (e.g. SES refused the sender): each is a failure to look at. */
  readonly validDeadLettered: number;
  /** DLQ messages per FailureReason attribute. */
  readonly deadLetterReasons: Readonly<Record<string, number>>;
  /** Sum of EmailsSent over the run's window, or null when not observed. */
  readonly emailsSentMetric: number | null;
  /** Every job was delivered or dead-lettered before the deadline. */
  readonly settled: boolean;
}

/** Sends the traffic, waits for the consumers, and reads what they did. */
export async function runRemoteEmail(options: RemoteEmailRunOptions): Promise<RemoteEmailObservation> {
  const { clients, deployment, runId, log } = options;
  const startedAt = new Date();
  const mix = buildEmailJobMix({ jobs: options.jobs, malformedRatio: options.malformedRatio ?? DEFAULT_MALFORMED_RATIO, transientRatio: 0, runId });
  // No transient recipients remotely (only the local SMTP sink can simulate them): every valid job goes to one address.
  const validJobs = mix.validJobs.map((job) => ({ ...job, to: options.recipient ?? SES_SIMULATOR_SUCCESS_ADDRESS }));
  log(`email: sending ${validJobs.length} valid and ${mix.malformedJobs.length} malformed jobs to ${deployment.stackName}`);
  const produced = await enqueueEmails(validJobs, { queueUrl: deployment.queueUrl, sqs: clients.sqs });
  for (const failure of produced.failures) log(`email: not enqueued ${failure.jobId}: ${failure.code} ${failure.message}`);
  const { accepted: rawSent } = await sendRawBodies(clients.sqs, deployment.queueUrl, mix.malformedJobs.map((job) => job.body));

  const validJobIds = new Set(validJobs.map((job) => job.jobId));
  const enqueuedValid = validJobs.length - produced.failures.length;
  const isOurs = (message: Message): boolean => (message.Body ?? '').includes(`${runId}-`);
  const observe = async () => {
    const completed = await readCompletedJobs(clients.dynamoDb, deployment.idempotencyTableName, `${runId}-`);
    const deadLetters = await inspectQueue({ sqs: clients.sqs, queueUrl: deployment.deadLetterQueueUrl, isOurs, deleteOurs: false });
    return { completed, deadLetters: classifyDeadLetters(deadLetters, runId) };
  };
  log(`email: waiting up to ${Math.round(options.deadlineMs / 1000)} s for the consumers to settle every job`);
  const { value, satisfied } = await pollUntil(
    observe,
    ({ completed, deadLetters }) =>
      countDelivered(completed.recordsPerJobId, validJobIds) + deadLetters.valid === enqueuedValid && deadLetters.malformed === rawSent,
    { deadlineMs: options.deadlineMs },
  );
  if (options.deleteDeadLetters) {
    await inspectQueue({ sqs: clients.sqs, queueUrl: deployment.deadLetterQueueUrl, isOurs, deleteOurs: true });
  }
  const emailsSentMetric = await observeEmailsSent(options, startedAt, countDelivered(value.completed.recordsPerJobId, validJobIds));
  const deadLetteredValidIds = new Set(value.deadLetters.validJobIds);
  return {
    enqueued: produced.enqueued + rawSent,
    validJobs: validJobs.length,
    malformedJobs: mix.malformedJobs.length,
    delivered: countDelivered(value.completed.recordsPerJobId, validJobIds),
    unsettledJobIds: [...validJobIds].filter((jobId) => !value.completed.recordsPerJobId.has(jobId) && !deadLetteredValidIds.has(jobId)),
    jobIdsWithSeveralRecords: [...value.completed.recordsPerJobId].filter(([, records]) => records > 1).map(([jobId]) => jobId),
    deadLettered: value.deadLetters.valid + value.deadLetters.malformed,
    malformedDeadLettered: value.deadLetters.malformed,
    validDeadLettered: value.deadLetters.valid,
    deadLetterReasons: value.deadLetters.reasons,
    emailsSentMetric,
    settled: satisfied,
  };
}


function countDelivered(recordsPerJobId: ReadonlyMap<string, number>, validJobIds: ReadonlySet<string>): number {
  return [...recordsPerJobId.keys()].filter((jobId) => validJobIds.has(jobId)).length;
}

interface ClassifiedDeadLetters {
  readonly valid: number;
  readonly malformed: number;
  readonly validJobIds: readonly string[];
  readonly reasons: Readonly<Record<string, number>>;
}

/** Splits this run's DLQ messages into malformed (`<run>-bad-N`) and valid (`<run>-job-N`) jobs, counting reasons. */
export function classifyDeadLetters(inspection: QueueInspection, runId: string): ClassifiedDeadLetters {
  const validJobId = new RegExp(`${escapeRegExp(runId)}-job-\\d+`);
  const reasons: Record<string, number> = {};
  const validJobIds: string[] = [];
  let malformed = 0;
  for (const message of inspection.ours) {
    const body = message.Body ?? '';
    const reason = message.MessageAttributes?.[DEAD_LETTER_ATTRIBUTES.reason]?.StringValue ?? REDRIVEN_AFTER_MAX_RECEIVES;
    reasons[reason] = (reasons[reason] ?? 0) + 1;
    const valid = validJobId.exec(body);
    if (body.includes(`${runId}-bad-`)) malformed += 1;
    else if (valid !== null) validJobIds.push(valid[0]);
  }
  return { valid: validJobIds.length, malformed, validJobIds, reasons };
}

async function observeEmailsSent(options: RemoteEmailRunOptions, startedAt: Date, delivered: number): Promise<number | null> {
  if (options.metricsDeadlineMs === 0) return null;
  options.log(`email: waiting up to ${Math.round(options.metricsDeadlineMs / 1000)} s for the EmailsSent metric (CloudWatch ingests EMF with a lag)`);
  return waitForMetricSum(
    options.clients.cloudWatch,
    {
      namespace: EMAIL_WORKER_METRICS.namespace,
      metricName: EMAIL_WORKER_METRICS.emailsSent,
      dimensions: { service: EMAIL_WORKER_METRICS.service },
      // One minute of slack on each side: datapoints are filed under whole minutes.
      start: new Date(startedAt.getTime() - 60_000),
      end: () => new Date(Date.now() + 60_000),
    },
    delivered,
    options.metricsDeadlineMs,
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
