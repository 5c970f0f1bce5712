/**
 * The clickstream half of a remote run: the real producer writes the run's events (with a hot user)
 * and a few poison records to the deployed stream; then the run reads what the deployed consumers
 * did: the processor's session table, its on-failure queue, the dashboard's PageViews metric (AWS
 * only), the Firehose archive (after its buffering interval), and a replay of the stream.
 */
import type { Message } from '@aws-sdk/client-sqs';
import { CLICKSTREAM_BUSINESS_METRICS } from '../../lib/clickstream/clickstream-metrics';
import { ARCHIVE_DATA_PREFIX } from '../../lib/clickstream/clickstream-archive';
import { CLICKSTREAM_METRICS_NAMESPACE } from '../../lib/clickstream/clickstream-function';
import { observeArchive, type ArchiveObservation } from './archive-objects';
import type { DeployedClickstream } from './deployed-stacks';
import type { MetricSource } from '../target/run-target';
import { coversAnyPosition, coversPosition, parseOnFailureMessage, type StreamPosition } from './on-failure-records';
import { pollUntil } from '../target/poll-until';
import { inspectQueue } from '../target/queue-inspection';
import type { RemoteClients } from './remote-clients';
import { newTrafficSeed, sendClickstreamTraffic, type ClickstreamTraffic } from './remote-clickstream-traffic';
import { compareSessions, expectedSessions, readSessions, type SessionCheck } from './session-check';
import { replayStream, type StreamReplay } from './stream-replay';

/** Options of the clickstream half. */
export interface RemoteClickstreamRunOptions {
  readonly clients: Pick<RemoteClients, 'kinesis' | 'sqs' | 'dynamoDb' | 's3'>;
  /** Where the dashboard's EMF metrics are read. */
  readonly metrics: MetricSource;
  readonly deployment: DeployedClickstream;
  /** Prefix of every partition key of this run. */
  readonly runId: string;
  readonly events: number;
  /** Distinct users besides the hot one. */
  readonly users: number;
  /** Poison records written after the events. */
  readonly poisonRecords: number;
  /** Longest wait for the processor to settle every user and every poison record, in ms. */
  readonly deadlineMs: number;
  /** Longest wait for the PageViews metric, in ms; 0 skips it (LocalStack does not extract EMF). */
  readonly metricsDeadlineMs: number;
  /** Longest wait for Firehose objects, in ms; 0 looks once (the stack buffers up to 300 s). */
  readonly archiveDeadlineMs: number;
  /** Delete this run's on-failure records once counted; otherwise leave them (released, visible). */
  readonly deleteOnFailureRecords: boolean;
  readonly log: (line: string) => void;
}

/** What the deployed clickstream did with one run's records. */
export interface RemoteClickstreamObservation {
  readonly traffic: ClickstreamTraffic;
  readonly sessions: SessionCheck;
  readonly replay: StreamReplay;
  /** Poison records covered by an on-failure record. */
  readonly poisonAtOnFailureDestination: number;
  /** On-failure records covering any record of this run (also good ones discarded with the poison). */
  readonly onFailureRecords: number;
  /** Sum of the dashboard's PageViews over the run's event-time window, or null when not observed. */
  readonly pageViewsMetric: number | null;
  /** Objects and run events in the archive, or null when Firehose had written nothing yet. */
  readonly archive: ArchiveObservation | null;
  /** Every user's session matched and every poison record reached the on-failure queue before the deadline. */
  readonly settled: boolean;
}

/** Sends the traffic, waits for the consumers, and reads what they did. */
export async function runRemoteClickstream(options: RemoteClickstreamRunOptions): Promise<RemoteClickstreamObservation> {
  const { clients, deployment, log } = options;
  const startedAt = new Date();
  const seed = newTrafficSeed();
  log(`clickstream: producing ${options.events} events for ${options.users} users plus a hot user, and ${options.poisonRecords} poison records, to ${deployment.streamName}`);
  const traffic = await sendClickstreamTraffic(clients.kinesis, deployment.streamName, {
    runId: options.runId,
    seed,
    events: options.events,
    users: options.users,
    poisonRecords: options.poisonRecords,
    startTimeMs: startedAt.getTime(),
  });
  log(`clickstream: produced ${traffic.production.sent} events in ${traffic.production.calls} PutRecords calls; ${traffic.production.undeliverable.length} undeliverable; ${traffic.poison.length} poison records`);
  const delivered = traffic.events.filter((_event, index) => !traffic.production.undeliverable.some((record) => record.index === index));
  const expected = expectedSessions(delivered);

  log('clickstream: replaying the stream from TRIM_HORIZON');
  const replay = await replayStream(clients.kinesis, deployment.streamName, {
    eventIdPrefix: `evt-${seed}-`,
    partitionKeyPrefix: `${options.runId}-`,
    produced: delivered,
  });
  const runPositions: StreamPosition[] = replay.records.map(({ shardId, sequenceNumber }) => ({ shardId, sequenceNumber }));
  const isOurs = (message: Message) => coversAnyPosition(message, runPositions);
  const poisonCovered = (messages: readonly Message[]) =>
    traffic.poison.filter((poison) => messages.some((message) => {
      const failure = parseOnFailureMessage(message);
      return failure !== undefined && coversPosition(failure, poison);
    })).length;

  log(`clickstream: waiting up to ${Math.round(options.deadlineMs / 1000)} s for the processor's session table and on-failure queue`);
  const userIds = [...expected.keys()];
  const { value, satisfied } = await pollUntil(
    async () => {
      const sessions = compareSessions(await readSessions(clients.dynamoDb, deployment.sessionTableName, userIds), expected, delivered);
      const failures = await inspectQueue({ sqs: clients.sqs, queueUrl: deployment.processorFailureQueueUrl, isOurs, deleteOurs: false });
      return { sessions, failures: failures.ours };
    },
    ({ sessions, failures }) => sessions.mismatchedUsers.length === 0 && poisonCovered(failures) === traffic.poison.length,
    { deadlineMs: options.deadlineMs },
  );
  if (options.deleteOnFailureRecords) {
    await inspectQueue({ sqs: clients.sqs, queueUrl: deployment.processorFailureQueueUrl, isOurs, deleteOurs: true });
  }
  return {
    traffic,
    sessions: value.sessions,
    replay,
    poisonAtOnFailureDestination: poisonCovered(value.failures),
    onFailureRecords: value.failures.length,
    pageViewsMetric: await observePageViews(options, startedAt, value.sessions.pageViewsProduced),
    archive: await observeRunArchive(options, startedAt, `evt-${seed}-`),
    settled: satisfied,
  };
}

async function observePageViews(options: RemoteClickstreamRunOptions, startedAt: Date, pageViewsProduced: number): Promise<number | null> {
  if (options.metricsDeadlineMs === 0) return null;
  options.log(`clickstream: waiting up to ${Math.round(options.metricsDeadlineMs / 1000)} s for the PageViews metric (CloudWatch ingests EMF with a lag)`);
  return options.metrics.sum(
    {
      namespace: CLICKSTREAM_METRICS_NAMESPACE,
      metricName: CLICKSTREAM_BUSINESS_METRICS.pageViews,
      dimensions: { service: CLICKSTREAM_BUSINESS_METRICS.dashboardService },
      // Filed under event time: the run's events start now and are dense (see DENSE_EVENT_STEP_MS); an hour of slack ahead.
      since: startedAt,
      lookAheadMs: 60 * 60_000,
    },
    pageViewsProduced,
    options.metricsDeadlineMs,
  );
}

async function observeRunArchive(options: RemoteClickstreamRunOptions, startedAt: Date, eventIdPrefix: string): Promise<ArchiveObservation | null> {
  if (options.archiveDeadlineMs > 0) {
    options.log(`clickstream: waiting up to ${Math.round(options.archiveDeadlineMs / 1000)} s for Firehose to write the archive (it buffers up to 300 s)`);
  }
  const { value } = await pollUntil(
    () => observeArchive(options.clients.s3, { bucket: options.deployment.archiveBucketName, prefixTemplate: ARCHIVE_DATA_PREFIX, since: startedAt, eventIdPrefix }),
    (archive) => archive !== null && archive.runEventsArchived >= options.events,
    // Every 30 s: Firehose flushes whole buffers, minutes apart.
    { deadlineMs: options.archiveDeadlineMs, intervalMs: 30_000 },
  );
  return value;
}
