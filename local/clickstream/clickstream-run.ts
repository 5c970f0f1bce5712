/**
 * The clickstream pattern end to end on this machine: the real producer writes events (plus a few
 * raw poison records) to kinesis-local while the processor (standard iterator) and the dashboard
 * (enhanced fan-out, polled locally) consume them through the local event-source runner; once
 * production ends, a third "replay" reader starts from TRIM_HORIZON. Then it checks what a stream
 * promises: every consumer saw everything, per-user order held (there is no global order), session
 * state matches the produced data exactly, poison went to the on-failure queue without blocking its
 * shard, and a replay reproduces the same aggregates. The Firehose archive runs too (archive/):
 * it is counted from the objects actually in its bucket.
 */
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { isDeepStrictEqual } from 'node:util';
import { aggregateClickstream } from '../../runtime/clickstream/dashboard-lambda/aggregate';
import { foldSessions, type SessionState } from '../../runtime/clickstream/processor-lambda/session';
import { generateClickstreamEvents } from '../../runtime/clickstream/producer/generate-events';
import { putClickstreamEvents } from '../../runtime/clickstream/producer/producer';
import type { ClickstreamEvent } from '../../runtime/shared/clickstream-events';
import { caughtUpLine } from './caught-up-line';
import { createArchiveDeliveryRunner, type ArchiveDeliveryRunner } from './archive/archive-delivery-runner';
import { readArchivedObjects, staticPartOfPrefix } from './archive/read-archive';
import { ConsumerObserver, type ConsumerObservation } from './consumer-observer';
import { clickstreamTraffic } from '../patterns/clickstream-traffic';
import { deliveredAfterPoison, hotKeyShare, recordsPerShard, type HotKeyShare } from './shard-report';
import { startClickstreamEnvironment, type ClickstreamEnvironment } from './clickstream-environment';
import { emulatorKinesisClient } from '../emulators/emulator-clients';
import { createKinesisEventSourceRunner, type KinesisEventSourceRunner, type KinesisHandler } from './kinesis-event-source/kinesis-event-source-runner';
import type { LocalKinesisMapping } from './kinesis-event-source/kinesis-mappings';
import type { KinesisOnFailureRecord } from './kinesis-event-source/on-failure-record';
import { queueUrlForArn, sqsOnFailureDestination } from './kinesis-event-source/sqs-on-failure-destination';
import { SQS_LIMITS } from '../../runtime/shared/aws-limits';
import { ConfigurationError } from '../../runtime/shared/errors';

/** Options of one clickstream run. */
export interface ClickstreamRunOptions {
  /** Events to produce. */
  readonly events: number;
  /** Distinct users (partition keys). */
  readonly users: number;
  /** Poison records to add, as a fraction of `events` (0 to 0.1); at least one when > 0. */
  readonly poisonRatio: number;
  /** Progress and report lines. */
  readonly log: (line: string) => void;
  /** Powertools log level of the handlers. @default 'ERROR' */
  readonly handlerLogLevel?: string;
  /** Stream writes go through this endpoint instead (e.g. a throttling proxy). @default the emulator itself */
  readonly producerEndpoint?: (kinesisEndpoint: string) => Promise<{ readonly endpoint: string; stop(): Promise<void> }>;
  /** Longest wait for a consumer to catch up, in ms (a ceiling, not a measurement). @default 180000 */
  readonly catchUpTimeoutMs?: number;
  /** Share of events given to one hot user (partition key), 0 < share < 1. @default none (uniform users) */
  readonly hotUserShare?: number;
  /** Write the poison records after all events, or halfway (so valid records follow them on their shards). @default 'end' */
  readonly poisonPlacement?: 'end' | 'middle';
  /** Called after each PutRecords call with the events written so far. @default none */
  readonly onProduced?: (written: number, total: number) => void;
}

/** What the shards carried, as the processor received it. */
export interface ClickstreamShardReport {
  /** First deliveries of valid events per shard. */
  readonly perShard: Readonly<Record<string, number>>;
  /** The hot user's shares. @default undefined without `hotUserShare` */
  readonly hotKey: HotKeyShare | undefined;
}

/** The outcome of a run: counts only, no timings. */
export interface ClickstreamRunResult {
  readonly produced: number;
  readonly undeliverable: number;
  readonly putRecordsCalls: number;
  readonly poisonWritten: number;
  readonly consumers: {
    readonly processor: ConsumerObservation;
    readonly dashboard: ConsumerObservation;
    readonly replay: ConsumerObservation;
    /** Read back from the archive bucket; `redeliveries` are duplicates (Firehose is at-least-once). */
    readonly archive: ConsumerObservation;
  };
  /** What the archive bucket holds after the run. */
  readonly archive: {
    readonly objects: number;
    readonly gzipObjects: number;
    readonly errorObjects: number;
  };
  readonly sessions: {
    readonly usersInTable: number;
    readonly usersExpected: number;
    /** Users whose stored session differs from the one folded from the produced data. */
    readonly mismatchedUsers: readonly string[];
  };
  readonly poison: {
    readonly onFailureMessages: number;
    /** Poison records whose shard and sequence number fall inside some on-failure record. */
    readonly poisonAtOnFailureDestination: number;
    /** Valid records the processor received from a poison record's shard after it (summed per poison record). */
    readonly validRecordsAfterPoisonOnItsShard: number;
    /** Processor invocations that failed (each is retried, bisected, or given up on). */
    readonly failedInvocations: number;
  };
  readonly shards: ClickstreamShardReport;
  /** Dashboard aggregates (per minute) equal those of the replay and of the produced data. */
  readonly replayAggregatesEqual: boolean;
  /** Sessions folded from the replay equal the session table. */
  readonly replaySessionsEqual: boolean;
  /** What differs from AWS locally (not emulated, substituted). */
  readonly environmentReport: readonly string[];
}

/** Raised for options outside their range. */
export class InvalidClickstreamRunOptionError extends ConfigurationError {
  constructor(
    readonly option: string,
    readonly value: number,
    readonly expected: string,
  ) {
    super(`clickstream run: ${option} must be ${expected}, got ${value}`);
  }
}

/** Poison records are malformed JSON: the processor reports them, the dashboard skips them. */
const POISON_DATA = Buffer.from('{"type":"page_view","userId":');
/** An event id is `evt-<seed>-<index>` (generate-events.ts); the index is its production position. */
const EVENT_INDEX = /-(\d+)$/;

function validate(options: ClickstreamRunOptions): void {
  if (!Number.isSafeInteger(options.events) || options.events < 1) throw new InvalidClickstreamRunOptionError('events', options.events, 'a positive integer');
  if (!Number.isSafeInteger(options.users) || options.users < 1) throw new InvalidClickstreamRunOptionError('users', options.users, 'a positive integer');
  if (!(options.poisonRatio >= 0 && options.poisonRatio <= 0.1)) throw new InvalidClickstreamRunOptionError('poisonRatio', options.poisonRatio, 'from 0 to 0.1');
}

function indexOf(event: ClickstreamEvent): number {
  return Number(EVENT_INDEX.exec(event.eventId)?.[1] ?? -1);
}

interface PoisonRecord {
  readonly shardId: string;
  readonly sequenceNumber: string;
}

async function writePoison(kinesis: KinesisClient, streamName: string, count: number, users: number): Promise<PoisonRecord[]> {
  if (count === 0) return [];
  const result = await kinesis.send(
    new PutRecordsCommand({
      StreamName: streamName,
      Records: Array.from({ length: count }, (_unused, index) => ({ Data: POISON_DATA, PartitionKey: `user-poison-${index % users}` })),
    }),
  );
  return (result.Records ?? []).flatMap((entry) =>
    entry.ErrorCode === undefined && entry.SequenceNumber !== undefined && entry.ShardId !== undefined
      ? [{ shardId: entry.ShardId, sequenceNumber: entry.SequenceNumber }]
      : [],
  );
}

async function drainOnFailureQueue(sqs: SQSClient, queueUrl: string): Promise<KinesisOnFailureRecord[]> {
  const records: KinesisOnFailureRecord[] = [];
  for (;;) {
    const { Messages: messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: SQS_LIMITS.maxBatchEntries, WaitTimeSeconds: 1 }));
    if (messages.length === 0) return records;
    records.push(...messages.map((message) => JSON.parse(message.Body ?? '{}') as KinesisOnFailureRecord));
    await sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })) }),
    );
  }
}

function covers(failure: KinesisOnFailureRecord, poison: PoisonRecord): boolean {
  const info = failure.KinesisBatchInfo;
  const sequence = BigInt(poison.sequenceNumber);
  return info.shardId === poison.shardId && BigInt(info.startSequenceNumber) <= sequence && sequence <= BigInt(info.endSequenceNumber);
}

async function scanSessions(environment: ClickstreamEnvironment): Promise<Map<string, SessionState>> {
  const documents = DynamoDBDocumentClient.from(environment.dynamoDb);
  const sessions = new Map<string, SessionState>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: environment.sessionTableName, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) sessions.set(String(item['userId']), item as SessionState);
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return sessions;
}

/** Session fields that must match exactly (the watermark and TTL are bookkeeping, not state). */
function sameSession(stored: SessionState | undefined, expected: SessionState): boolean {
  return (
    stored !== undefined &&
    stored.sessionId === expected.sessionId &&
    stored.sessionStartedAt === expected.sessionStartedAt &&
    Number(stored.pageCount) === expected.pageCount &&
    stored.lastSeenAt === expected.lastSeenAt
  );
}

function mismatchedUsers(stored: ReadonlyMap<string, SessionState>, expected: ReadonlyMap<string, SessionState>): string[] {
  const users = new Set([...stored.keys(), ...expected.keys()]);
  return [...users].filter((user) => {
    const want = expected.get(user);
    return want === undefined || !sameSession(stored.get(user), want);
  });
}

/** A local event-source runner for one of the stack's mappings (also used by `npm run dev`). */
export function runnerFor(
  environment: ClickstreamEnvironment,
  mapping: LocalKinesisMapping,
  handler: KinesisHandler,
  log: (line: string) => void,
  overrides: { startingPosition?: 'TRIM_HORIZON'; name?: string } = {},
): KinesisEventSourceRunner {
  return createKinesisEventSourceRunner({
    kinesis: environment.kinesis,
    streamName: mapping.streamName,
    streamArn: mapping.streamArn,
    eventSourceArn: mapping.eventSourceArn,
    settings: overrides.startingPosition === undefined ? mapping.settings : { ...mapping.settings, startingPosition: overrides.startingPosition },
    handler,
    function: { functionName: overrides.name ?? mapping.function.logicalId, region: environment.region, timeoutSeconds: mapping.function.timeoutSeconds },
    ...(mapping.settings.onFailureDestinationArn === undefined || overrides.name === 'replay'
      ? {}
      : { onFailure: sqsOnFailureDestination(environment.sqs, queueUrlForArn(environment.scope, mapping.settings.onFailureDestinationArn)) }),
    log,
  });
}

/** Writes the events with the real producer, and the poison records at the end or halfway. */
async function produceTraffic(
  environment: ClickstreamEnvironment,
  produced: readonly ClickstreamEvent[],
  options: ClickstreamRunOptions,
  producerEndpoint: string | undefined,
): Promise<{ production: { sent: number; undeliverable: readonly unknown[]; calls: number }; poison: PoisonRecord[] }> {
  const { log } = options;
  const producerClient = producerEndpoint === undefined ? environment.kinesis : emulatorKinesisClient(producerEndpoint);
  let lastReportedQuarter = 0;
  const produce = (events: readonly ClickstreamEvent[], offset: number) =>
    putClickstreamEvents(events, {
      client: producerClient,
      streamName: environment.streamName,
      onProgress: ({ sent, undeliverable }) => {
        const written = offset + sent + undeliverable;
        options.onProduced?.(written, produced.length);
        const quarter = Math.floor((written / produced.length) * 4);
        if (quarter > lastReportedQuarter) {
          lastReportedQuarter = quarter;
          log(`clickstream: produced ${offset + sent}/${produced.length} events (${undeliverable} undeliverable)`);
        }
      },
    });
  const poisonCount = options.poisonRatio === 0 ? 0 : Math.max(1, Math.round(options.events * options.poisonRatio));
  const splitAt = options.poisonPlacement === 'middle' ? Math.floor(produced.length / 2) : produced.length;
  const firstPart = await produce(produced.slice(0, splitAt), 0);
  const poison = await writePoison(environment.kinesis, environment.streamName, poisonCount, options.users);
  const secondPart = splitAt < produced.length ? await produce(produced.slice(splitAt), splitAt) : { sent: 0, undeliverable: [], calls: 0 };
  if (producerClient !== environment.kinesis) producerClient.destroy();
  return {
    production: {
      sent: firstPart.sent + secondPart.sent,
      undeliverable: [...firstPart.undeliverable, ...secondPart.undeliverable],
      calls: firstPart.calls + secondPart.calls,
    },
    poison,
  };
}

/** What the archive bucket holds: the objects under the data and the error prefixes, and the records read from them. */
async function readArchive(environment: ClickstreamEnvironment, log: (line: string) => void) {
  const archived = await readArchivedObjects(environment.s3, environment.archive.bucketName, staticPartOfPrefix(environment.archive.prefix));
  const archiveErrors = await readArchivedObjects(environment.s3, environment.archive.bucketName, staticPartOfPrefix(environment.archive.errorOutputPrefix));
  const archive = new ConsumerObserver(indexOf);
  for (const object of archived) object.records.forEach((record) => archive.observeArchivedRecord(record));
  log(`clickstream: archive holds ${archived.length} object(s) (${archiveErrors.length} under the error prefix)`);
  return { archived, archiveErrors, archive };
}

/** Runs the clickstream pattern in the embedded environment; stops everything it started, also on failure. */
export async function runEmbeddedClickstream(options: ClickstreamRunOptions): Promise<ClickstreamRunResult> {
  validate(options);
  const { log } = options;
  const catchUpTimeoutMs = options.catchUpTimeoutMs ?? 180_000;
  log('clickstream: starting kinesis-local, fauxqs and dynalite; provisioning from the synthesized ClickstreamStack');
  const environment = await startClickstreamEnvironment({ handlerLogLevel: options.handlerLogLevel ?? 'ERROR' });
  const runners: KinesisEventSourceRunner[] = [];
  let archiveRunner: ArchiveDeliveryRunner | undefined;
  let producerEndpoint: { readonly endpoint: string; stop(): Promise<void> } | undefined;
  try {
    environment.report.forEach((line) => log(`clickstream: ${line}`));
    // With a hot user, the same traffic as the Kafka pattern (local/patterns/clickstream-traffic.ts).
    const { events: produced, hotUserId } =
      options.hotUserShare === undefined
        ? { events: generateClickstreamEvents({ events: options.events, users: options.users }), hotUserId: undefined }
        : clickstreamTraffic({ events: options.events, users: options.users, hotUserShare: options.hotUserShare });
    const processor = new ConsumerObserver(indexOf);
    const dashboard = new ConsumerObserver(indexOf);
    const replay = new ConsumerObserver(indexOf);
    runners.push(
      runnerFor(environment, environment.processor, processor.wrap(environment.processorHandler), log, { name: 'processor' }),
      runnerFor(environment, environment.dashboard, dashboard.wrap(environment.dashboardHandler), log, { name: 'dashboard' }),
    );
    archiveRunner = createArchiveDeliveryRunner({ kinesis: environment.kinesis, s3: environment.s3, streamName: environment.streamName, settings: environment.archive, log });
    await Promise.all([...runners.map((runner) => runner.start()), archiveRunner.start()]);

    producerEndpoint = await options.producerEndpoint?.(environment.kinesisEndpoint);
    const { production, poison } = await produceTraffic(environment, produced, options, producerEndpoint?.endpoint);
    log(`clickstream: wrote ${poison.length} poison record(s) (${options.poisonPlacement ?? 'end'}); starting a replay reader from TRIM_HORIZON`);

    const replayRunner = runnerFor(environment, environment.processor, replay.wrap(async () => undefined), log, {
      startingPosition: 'TRIM_HORIZON',
      name: 'replay',
    });
    runners.push(replayRunner);
    await replayRunner.start();
    for (const [name, runner, observer] of [
      ['processor', runners[0], processor],
      ['dashboard', runners[1], dashboard],
      ['replay', replayRunner, replay],
    ] as const) {
      await runner?.waitUntilCaughtUp({ timeoutMs: catchUpTimeoutMs });
      if (runner !== undefined) log(caughtUpLine(name, observer.observation(), runner.stats()));
    }
    await Promise.all(runners.map((runner) => runner.stop()));
    // The stack buffers up to 300 s; at the end of a run the runner delivers what it still holds.
    await archiveRunner.flushWhenCaughtUp({ timeoutMs: catchUpTimeoutMs });
    await archiveRunner.stop();
    const { archived, archiveErrors, archive } = await readArchive(environment, log);

    const failures = await drainOnFailureQueue(environment.sqs, environment.processorFailureQueueUrl);
    const stored = await scanSessions(environment);
    const expectedSessions = foldSessions(
      produced.map((event, index) => ({ event, sequenceNumber: String(index + 1) })),
      environment.sessionTimeoutSeconds,
    );
    const replaySessions = foldSessions(replay.sequenced, environment.sessionTimeoutSeconds);
    const producedAggregates = aggregateClickstream(produced);
    return {
      produced: production.sent,
      undeliverable: production.undeliverable.length,
      putRecordsCalls: production.calls,
      poisonWritten: poison.length,
      consumers: { processor: processor.observation(), dashboard: dashboard.observation(), replay: replay.observation(), archive: archive.observation() },
      archive: { objects: archived.length, gzipObjects: archived.filter((object) => object.gzip).length, errorObjects: archiveErrors.length },
      sessions: { usersInTable: stored.size, usersExpected: expectedSessions.size, mismatchedUsers: mismatchedUsers(stored, expectedSessions) },
      poison: {
        onFailureMessages: failures.length,
        poisonAtOnFailureDestination: poison.filter((record) => failures.some((failure) => covers(failure, record))).length,
        validRecordsAfterPoisonOnItsShard: deliveredAfterPoison(processor.shardDeliveries, poison),
        failedInvocations: runners[0]?.stats().failedInvocations ?? 0,
      },
      shards: {
        perShard: recordsPerShard(processor.shardDeliveries),
        hotKey: hotUserId === undefined ? undefined : hotKeyShare(processor.shardDeliveries, hotUserId),
      },
      replayAggregatesEqual:
        isDeepStrictEqual(aggregateClickstream(dashboard.events), aggregateClickstream(replay.events)) &&
        isDeepStrictEqual(aggregateClickstream(replay.events), producedAggregates),
      replaySessionsEqual: mismatchedUsers(stored, replaySessions).length === 0,
      environmentReport: environment.report,
    };
  } finally {
    await Promise.all(runners.map((runner) => runner.stop()));
    await archiveRunner?.stop().catch((error: unknown) => log(`clickstream: archive delivery failed while stopping: ${String(error)}`));
    await producerEndpoint?.stop();
    await environment.stop();
  }
}
