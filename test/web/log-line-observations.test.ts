/**
 * The live page's bridge from today's progress log: lines as the pattern runs print them become
 * typed observations; any other line is kept as a log line only.
 */
import { caughtUpLine } from '../../local/clickstream/caught-up-line';
import { observationsOfLine, patternOfLine } from '../../local/web/log-line-observations';

const recognised = (line: string) => observationsOfLine(line).filter((observation) => observation.kind !== 'log');

describe('observationsOfLine', () => {
  it.each([
    ['email: fargate: backlog 231 > 100 per worker: started worker 2', { kind: 'sqs-worker-added', backlog: 231, workers: 2 }],
    ['processor: polling 4 shard(s) of qos-e1c759-Stream862536A4 from TRIM_HORIZON', { kind: 'kinesis-stream', shards: 4 }],
    ['ArchiveDeliveryStream87A0F874: polling 4 shard(s) of qos-e1c759-Stream from LATEST', { kind: 'kinesis-consumer', consumer: 'archive', seen: 0, caughtUp: false }],
    ['clickstream: wrote 300 events in 3 PutRecords calls and 1 poison record(s) (middle)', { kind: 'kinesis-poison', written: 1, destination: 'on-failure destination (SQS)' }],
    ['kafka: Apache Kafka 4.2.2 (KRaft) on 127.0.0.1:33573, started in 11701 ms', { kind: 'kafka-broker', address: '127.0.0.1:33573', startMs: 11701 }],
    ['kafka: 4 analytics members joined; producing 200 events to 3 partitions', { kind: 'kafka-members-joined', members: 4, events: 200, partitions: 3 }],
    ['kafka: SIGKILLed member-1 (busy) mid-produce; its partitions move after the 6000 ms session timeout', { kind: 'kafka-member-killed', memberId: 'member-1', sessionTimeoutMs: 6000 }],
    ['kafka: kafka-sessionizer: RetryAttemptsExhausted: 42 record(s) of partition 0 go to clickstream-dlq', { kind: 'kafka-dead-letter', records: 42, partition: 0, topic: 'clickstream-dlq' }],
    ['kafka: analytics accounted for 200/200 events (0 duplicates after the rebalance)', { kind: 'kafka-analytics-done', seen: 200, total: 200, duplicates: 0 }],
  ])('%s', (line, expected) => {
    expect(recognised(line)).toEqual([expected]);
  });

  it('reads the caught-up line the clickstream run prints', () => {
    const line = caughtUpLine('dashboard', { uniqueEventsSeen: 1998, invalidRecordsSeen: 2 }, { recordsCompleted: 2000, recordsDiscarded: 0 });
    expect(recognised(line)).toEqual([{ kind: 'kinesis-consumer', consumer: 'dashboard', seen: 1998, caughtUp: true }]);
  });

  it('keeps every line for the log panel, with the pattern it is about', () => {
    expect(observationsOfLine('email: fargate: enqueued 47 valid and 3 malformed jobs')).toEqual([
      { kind: 'log', pattern: 'sqs', line: 'email: fargate: enqueued 47 valid and 3 malformed jobs' },
    ]);
    expect([patternOfLine('replay: polling 4 shard(s)'), patternOfLine('kafka-sessionizer: x'), patternOfLine('something else')]).toEqual(['kinesis', 'kafka', 'run']);
  });
});
