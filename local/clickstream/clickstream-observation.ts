/**
 * Reads what the consumers did with one run's records, through signals every target gives: the
 * processor's session table and its on-failure queue (polled until every user and every poison
 * record is accounted for, or a deadline), a replay of the stream from TRIM_HORIZON, the archive's
 * objects in its bucket, and the handlers' EMF metrics (EventsProcessed is not needed: the table is
 * exact; InvalidEvents counts poison deliveries; PageViews is the dashboard's own figure).
 */
import type { Message } from '@aws-sdk/client-sqs';
import { CLICKSTREAM_BUSINESS_METRICS } from '../../lib/clickstream/clickstream-metrics';
import { CLICKSTREAM_METRICS_NAMESPACE } from '../../lib/clickstream/clickstream-function';
import { pollUntil } from '../target/poll-until';
import { inspectQueue } from '../target/queue-inspection';
import { readRunArchive, type RunArchive } from './archive-objects';
import type { ClickstreamProduction } from './clickstream-production';
import type { ClickstreamTargetSession, PlannedClickstreamTraffic } from './clickstream-target';
import { productionIndexLookup } from './consumer-observer';
import { coversAnyPosition, coversPosition, parseOnFailureMessage, type StreamPosition } from './on-failure-records';
import { compareSessions, expectedSessions, readSessions, type SessionCheck } from './session-check';
import { replayStream, type StreamReplay } from './stream-replay';

/** Powertools `service` dimension of the processor (its POWERTOOLS_SERVICE_NAME in the stack). */
const PROCESSOR_SERVICE = 'clickstream-processor';
/** Metrics are filed under event time (the dashboard) or now (the processor): an hour of slack ahead. */
const METRIC_LOOK_AHEAD_MS = 60 * 60_000;
const MINUTE_MS = 60_000;
/** Every 30 s: Firehose flushes whole buffers, minutes apart. */
const ARCHIVE_POLL_INTERVAL_MS = 30_000;

/** How long to wait for each signal. */
export interface ObservationDeadlines {
  /** For the session table and the on-failure queue. */
  readonly settleMs: number;
  /** For EMF metrics (0: read once). */
  readonly metricsMs: number;
  /** For the archive to hold every event (0: read once). */
  readonly archiveMs: number;
}

/** What the run observed. */
export interface ClickstreamObservation {
  readonly replay: StreamReplay;
  readonly sessions: SessionCheck;
  /** On-failure records covering any record of this run (also good ones discarded with the poison). */
  readonly onFailureRecords: number;
  /** Poison records covered by an on-failure record. */
  readonly poisonAtOnFailureDestination: number;
  /** Every user's session matched and every poison record reached the on-failure queue before the deadline. */
  readonly settled: boolean;
  readonly archive: RunArchive;
  /** The archive held every event before its deadline. */
  readonly archiveComplete: boolean;
  /** Sum of the dashboard's PageViews metric, or null when not observed. */
  readonly pageViewsMetric: number | null;
  /** Sum of the processor's InvalidEvents metric (poison deliveries), or null when not observed. */
  readonly invalidEventsMetric: number | null;
}

/** Reads every signal of the run. */
export async function observeClickstream(
  session: ClickstreamTargetSession,
  traffic: PlannedClickstreamTraffic,
  production: ClickstreamProduction,
  startedAt: Date,
  deadlines: ObservationDeadlines,
): Promise<ClickstreamObservation> {
  const { resources } = session;
  const produced = production.delivered;
  const replay = await replayStream(session.kinesis, resources.streamName, { partitionKeyPrefix: traffic.partitionKeyPrefix, produced });
  const settledState = await settle(session, traffic, production, replay, deadlines.settleMs);
  // The dashboard stamps each figure with the start of its event-time minute: from the first event's minute on.
  const since = new Date(Math.min(startedAt.getTime(), firstEventMs(traffic) - MINUTE_MS));
  const { value: archive, satisfied: archiveComplete } = await pollUntil(
    () => readRunArchive(session.s3, { bucket: resources.archive.bucketName, prefix: resources.archive.prefix, errorOutputPrefix: resources.archive.errorOutputPrefix, since: startedAt, productionIndexOf: productionIndexLookup(produced) }),
    (read) => read.observation.uniqueEventsSeen >= produced.length,
    { deadlineMs: deadlines.archiveMs, intervalMs: ARCHIVE_POLL_INTERVAL_MS },
  );
  const pageViews = produced.filter((event) => event.type === 'page_view').length;
  const [pageViewsMetric, invalidEventsMetric] = await Promise.all([
    metricSum(session, CLICKSTREAM_BUSINESS_METRICS.pageViews, CLICKSTREAM_BUSINESS_METRICS.dashboardService, since, pageViews, deadlines.metricsMs),
    metricSum(session, 'InvalidEvents', PROCESSOR_SERVICE, since, production.poison.length, deadlines.metricsMs),
  ]);
  return { ...settledState, replay, archive, archiveComplete, pageViewsMetric, invalidEventsMetric };
}

function firstEventMs(traffic: PlannedClickstreamTraffic): number {
  const first = traffic.events[0];
  return first === undefined ? Date.now() : Date.parse(first.timestamp);
}

/** Polls the session table and the on-failure queue until both account for the run, or the deadline. */
async function settle(session: ClickstreamTargetSession, traffic: PlannedClickstreamTraffic, production: ClickstreamProduction, replay: StreamReplay, deadlineMs: number) {
  const { resources } = session;
  const expected = expectedSessions(production.delivered, traffic.sessionTimeoutSeconds);
  const userIds = [...expected.keys()];
  const runPositions: StreamPosition[] = [...replay.deliveries, ...production.poison];
  const isOurs = (message: Message): boolean => coversAnyPosition(message, runPositions);
  const inspect = (deleteOurs: boolean) =>
    inspectQueue({ sqs: session.sqs, queueUrl: resources.processorFailureQueueUrl, isOurs, deleteOurs, receiveWaitSeconds: session.receiveWaitSeconds });
  const { value, satisfied } = await pollUntil(
    async () => ({
      sessions: compareSessions(await readSessions(session.documents, resources.sessionTableName, userIds), expected, production.delivered),
      failures: (await inspect(false)).ours,
    }),
    ({ sessions, failures }) => sessions.mismatchedUsers.length === 0 && poisonCovered(production.poison, failures) === production.poison.length,
    { deadlineMs },
  );
  if (session.deleteOnFailureRecords) await inspect(true);
  return { sessions: value.sessions, onFailureRecords: value.failures.length, poisonAtOnFailureDestination: poisonCovered(production.poison, value.failures), settled: satisfied };
}

function poisonCovered(poison: readonly StreamPosition[], messages: readonly Message[]): number {
  const failures = messages.flatMap((message) => parseOnFailureMessage(message) ?? []);
  return poison.filter((position) => failures.some((failure) => coversPosition(failure, position))).length;
}

async function metricSum(session: ClickstreamTargetSession, metricName: string, service: string, since: Date, atLeast: number, deadlineMs: number): Promise<number | null> {
  return session.metrics.sum(
    { namespace: CLICKSTREAM_METRICS_NAMESPACE, metricName, dimensions: { service }, since, lookAheadMs: METRIC_LOOK_AHEAD_MS },
    atLeast,
    deadlineMs,
  );
}
