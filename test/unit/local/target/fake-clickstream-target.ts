/**
 * An in-memory clickstream target for unit tests of the shared run: a two-shard stream stand-in, a
 * session table, an on-failure queue, an archive bucket, and a "deployed" processor, dashboard and
 * Firehose that act on every PutRecords the way the stack's do (valid events folded into the table,
 * poison to the on-failure queue with its batch range, every record archived, EMF sums). It has no
 * local consumers, like a deployed stack, so a run on it takes the code path of `--target aws`.
 */
import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import type { Message } from '@aws-sdk/client-sqs';
import { foldSessions, type SessionState } from '../../../../runtime/clickstream/processor-lambda/session';
import type { ClickstreamEvent } from '../../../../runtime/shared/clickstream-events';
import { decodeClickstreamRecordData } from '../../../../runtime/shared/clickstream-record-codec';
import { ARCHIVE_DATA_PREFIX } from '../../../../lib/clickstream/clickstream-archive';
import { archivePrefixForHour } from '../../../../local/clickstream/archive-objects';
import { deployedClickstreamTarget } from '../../../../local/clickstream/deployed-clickstream-target';
import type { ClickstreamTarget } from '../../../../local/clickstream/clickstream-target';
import { NO_SESSION_TIMEOUT_SECONDS } from '../../../../local/clickstream/session-check';
import type { MetricQuery, MetricSource } from '../../../../local/target/metric-source';

interface FakeCommand {
  readonly constructor: { readonly name: string };
  readonly input: Record<string, unknown>;
}

/** What a test steers. */
export interface FakeClickstreamWorld {
  readonly target: ClickstreamTarget;
  /** The processor drops these users' events (a lost page shows as a mismatched session). */
  readonly loseEventsOf: Set<string>;
  /** The metrics report nothing (as on LocalStack). */
  withoutMetrics(): void;
}

const SHARDS = ['shardId-000000000000', 'shardId-000000000001'];

/** Builds a fresh in-memory world. */
export function createFakeClickstreamWorld(): FakeClickstreamWorld {
  const shards = new Map<string, KinesisRecord[]>(SHARDS.map((shardId) => [shardId, []]));
  const applied: { event: ClickstreamEvent; sequenceNumber: string }[] = [];
  const onFailure: Message[] = [];
  const objects = new Map<string, string>();
  const sums = new Map<string, number>();
  const loseEventsOf = new Set<string>();
  let metricsShown = true;
  let sequence = 0;
  const add = (metric: string, value: number): void => void sums.set(metric, (sums.get(metric) ?? 0) + value);
  const consume = (shardId: string, record: KinesisRecord): void => {
    const event = decodeOrUndefined(record);
    if (event === undefined) {
      add('InvalidEvents', 2);
      const range = { shardId, startSequenceNumber: record.SequenceNumber, endSequenceNumber: record.SequenceNumber };
      onFailure.push({ MessageId: `m-${onFailure.length}`, ReceiptHandle: `r-${onFailure.length}`, Body: JSON.stringify({ KinesisBatchInfo: range }) });
      return;
    }
    if (event.type === 'page_view') add('PageViews', 1);
    if (!loseEventsOf.has(event.userId)) applied.push({ event, sequenceNumber: record.SequenceNumber ?? '' });
    objects.set(`${archivePrefixForHour(ARCHIVE_DATA_PREFIX, new Date())}object-${String(objects.size).padStart(6, "0")}`, `${Buffer.from(record.Data ?? new Uint8Array()).toString('utf8')}\n`);
  };
  const kinesis = {
    send: (command: FakeCommand): Promise<unknown> => {
      const input = command.input;
      switch (command.constructor.name) {
        case 'PutRecordsCommand': {
          const entries = (input['Records'] as { Data: Uint8Array; PartitionKey: string }[]).map((entry) => {
            const shardId = SHARDS[hash(entry.PartitionKey) % SHARDS.length] ?? '';
            const record = { Data: entry.Data, PartitionKey: entry.PartitionKey, SequenceNumber: String((sequence += 1)), ApproximateArrivalTimestamp: new Date() };
            shards.get(shardId)?.push(record);
            consume(shardId, record);
            return { ShardId: shardId, SequenceNumber: record.SequenceNumber };
          });
          return Promise.resolve({ FailedRecordCount: 0, Records: entries });
        }
        case 'ListShardsCommand':
          return Promise.resolve({ Shards: SHARDS.map((ShardId) => ({ ShardId })) });
        case 'GetShardIteratorCommand':
          return Promise.resolve({ ShardIterator: `${String(input['ShardId'])}@0` });
        case 'GetRecordsCommand': {
          const [shardId = '', offset = '0'] = String(input['ShardIterator']).split('@');
          const records = (shards.get(shardId) ?? []).slice(Number(offset));
          return Promise.resolve({ Records: records, NextShardIterator: `${shardId}@${Number(offset) + records.length}`, MillisBehindLatest: 0 });
        }
        default:
          return Promise.reject(new Error(`fake Kinesis does not serve ${command.constructor.name}`));
      }
    },
  };
  const documents = {
    send: (command: FakeCommand): Promise<unknown> => {
      const requests = input(command)['RequestItems'] as Record<string, { Keys: { userId: string }[] }>;
      const [tableName, { Keys: keys }] = Object.entries(requests)[0] ?? ['', { Keys: [] }];
      const sessions: Map<string, SessionState> = foldSessions(applied, NO_SESSION_TIMEOUT_SECONDS);
      return Promise.resolve({ Responses: { [tableName]: keys.flatMap(({ userId }) => sessions.get(userId) ?? []) } });
    },
  };
  let hidden = false;
  const sqs = {
    send: (command: FakeCommand): Promise<unknown> => {
      const name = command.constructor.name;
      if (name === 'ReceiveMessageCommand') {
        // One page holds everything; until released or deleted, the messages stay hidden.
        const page = hidden ? [] : [...onFailure];
        hidden = true;
        return Promise.resolve({ Messages: page });
      }
      if (name === 'DeleteMessageBatchCommand') {
        const handles = new Set((command.input['Entries'] as { ReceiptHandle: string }[]).map((entry) => entry.ReceiptHandle));
        onFailure.splice(0, onFailure.length, ...onFailure.filter((message) => !handles.has(message.ReceiptHandle ?? '')));
      }
      hidden = false;
      return Promise.resolve({});
    },
  };
  const s3 = {
    send: (command: FakeCommand): Promise<unknown> => {
      if (command.constructor.name === 'ListObjectsV2Command') {
        const prefix = String(command.input['Prefix'] ?? '');
        return Promise.resolve({ Contents: [...objects.keys()].filter((key) => key.startsWith(prefix)).map((Key) => ({ Key, LastModified: new Date() })) });
      }
      const body = objects.get(String(command.input['Key'])) ?? '';
      return Promise.resolve({ Body: { transformToByteArray: () => Promise.resolve(new Uint8Array(Buffer.from(body))) } });
    },
  };
  const metrics: MetricSource = {
    unavailableReason: 'the fake shows no metrics',
    sum: (query: MetricQuery) => Promise.resolve(metricsShown ? (sums.get(query.metricName) ?? null) : null),
  };
  const target = deployedClickstreamTarget({
    deployment: { stackName: 'fake', streamName: 'stream', sessionTableName: 'sessions', processorFailureQueueUrl: 'memory://on-failure', archiveBucketName: 'archive' },
    clients: { kinesis, sqs, dynamoDb: documents, s3 } as unknown as Parameters<typeof deployedClickstreamTarget>[0]['clients'],
    metrics,
  });
  return { target, loseEventsOf, withoutMetrics: () => void (metricsShown = false) };
}

function input(command: FakeCommand): Record<string, unknown> {
  return command.input;
}

function decodeOrUndefined(record: KinesisRecord): ClickstreamEvent | undefined {
  try {
    return decodeClickstreamRecordData(Buffer.from(record.Data ?? new Uint8Array()).toString('base64'));
  } catch {
    return undefined;
  }
}

function hash(key: string): number {
  return [...key].reduce((total, character) => (total * 31 + character.charCodeAt(0)) >>> 0, 7);
}
