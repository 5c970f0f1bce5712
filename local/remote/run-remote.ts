/**
 * `npm start -- --target localstack|aws`: the same traffic as the embedded run, sent to the deployed
 * stacks (found through their CloudFormation outputs), and results read back from the real
 * consumers. Every wait has a deadline; whatever a target cannot show is null with a note.
 */
import { findDeployedClickstream, findDeployedEmailWorker } from './deployed-stacks';
import { newRunPrefix } from '../provisioning/physical-names';
import { createRemoteClients } from './remote-clients';
import { runClickstreamPattern } from '../clickstream/clickstream-pattern-run';
import type { ComparisonResult } from '../comparison/comparison-result';
import { runEmailPattern } from '../email/email-pattern-run';
import { deployedRunTarget } from '../target/deployed-target';
import { resolveRemoteConnection, type RemoteTarget } from './remote-target';
import { findKafkaForColumn, runRemoteKafkaColumn } from './remote-kafka-column';
import { explainTargetError } from './target-errors';
import { toRemoteComparisonResult } from './to-comparison-result';

/** Options of a remote run. */
export interface RemoteComparisonOptions {
  readonly target: RemoteTarget;
  /** Stage of the deployed stacks (`-c stage=NAME`). @default none: `QueueOrStream-<pattern>` */
  readonly stage?: string;
  /** Clickstream events to produce. */
  readonly events: number;
  /** Email jobs to enqueue, 5 % of them malformed. */
  readonly jobs: number;
  readonly log: (line: string) => void;
  /** Clickstream users besides the hot one. @default 100 */
  readonly users?: number;
  /** Leave this run's DLQ and on-failure messages in place (released) instead of deleting them. @default false */
  readonly keepFailedMessages?: boolean;
  /** Longest wait for the consumers, in ms. @default 180000 on LocalStack, 600000 on AWS (Fargate may scale out from 0) */
  readonly deadlineMs?: number;
  /** Longest wait for EMF metrics, in ms. @default 0 on LocalStack (no EMF extraction), 300000 on AWS */
  readonly metricsDeadlineMs?: number;
  /** Longest wait for Firehose objects, in ms. @default 0: look once (the stack buffers up to 300 s) */
  readonly archiveDeadlineMs?: number;
  /** Where to find the target (AWS_ENDPOINT_URL, AWS_REGION). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Per-target defaults: AWS scales Fargate from zero and ingests metrics with a lag; LocalStack does neither. */
const TARGET_DEFAULTS: Readonly<Record<RemoteTarget, { readonly deadlineMs: number; readonly metricsDeadlineMs: number }>> = {
  localstack: { deadlineMs: 180_000, metricsDeadlineMs: 0 },
  aws: { deadlineMs: 600_000, metricsDeadlineMs: 300_000 },
};
/** 5 % malformed jobs, as the embedded run sends. */
const MALFORMED_RATIO = 0.05;
/** One poison record per 200 events (at least one), as the embedded run writes. */
const POISON_PER_EVENT = 0.005;
const DEFAULT_USERS = 100;

/** Runs the three patterns against the deployed stacks of `options.stage` (Kafka only where its stack is deployed and reachable). */
export async function runRemoteComparison(options: RemoteComparisonOptions): Promise<ComparisonResult> {
  const connection = resolveRemoteConnection(options.target, options.env ?? process.env);
  const defaults = TARGET_DEFAULTS[options.target];
  const deadlineMs = options.deadlineMs ?? defaults.deadlineMs;
  const metricsDeadlineMs = options.metricsDeadlineMs ?? defaults.metricsDeadlineMs;
  const clients = createRemoteClients(connection);
  try {
    const location = { cloudFormation: clients.cloudFormation, target: options.target, stage: options.stage };
    // The stacks are looked up before any traffic is sent: a missing SQS or Kinesis stack fails fast, with
    // the deploy command; a missing Kafka stack (opt-in, it costs money) becomes the Kafka column's reason.
    const [emailWorker, clickstream, kafka] = await Promise.all([findDeployedEmailWorker(location), findDeployedClickstream(location), findKafkaForColumn(location)]);
    const runId = newRunPrefix();
    options.log(`remote run ${runId} against ${options.target}${connection.endpoint === undefined ? '' : ` (${connection.endpoint})`}`);
    const keep = options.keepFailedMessages ?? false;
    const poisonRecords = Math.max(1, Math.round(options.events * POISON_PER_EVENT));
    const target = deployedRunTarget({ target: options.target, clients, emailWorker, clickstream, keepFailedMessages: keep });
    const [email, stream, kafkaColumn] = await Promise.all([
      runEmailPattern(target.email, {
        consumers: 'fargate',
        jobs: options.jobs,
        malformedRatio: MALFORMED_RATIO,
        deadlineMs,
        metricsDeadlineMs,
        showProgress: false,
        log: options.log,
      }),
      runClickstreamPattern(target.clickstream, {
        events: options.events,
        users: options.users ?? DEFAULT_USERS,
        poisonRatio: POISON_PER_EVENT,
        deadlineMs,
        metricsDeadlineMs,
        archiveDeadlineMs: options.archiveDeadlineMs ?? 0,
        log: options.log,
      }),
      runRemoteKafkaColumn(kafka, {
        clients,
        runId,
        events: options.events,
        users: options.users ?? DEFAULT_USERS,
        poisonRecords,
        deadlineMs,
        log: options.log,
        env: options.env,
      }),
    ]);
    return toRemoteComparisonResult(options.target, { email, clickstream: stream, kafka: kafkaColumn });
  } catch (error) {
    throw explainTargetError(error, connection);
  } finally {
    clients.destroy();
  }
}
