/**
 * The live page's log panel, and the two facts only a log line carries: lines as the local
 * event-source runners print them become typed observations; any other line is kept as a log line only.
 */
import { caughtUpLine } from '../../local/clickstream/caught-up-line';
import { observationsOfLine, patternOfLine } from '../../local/web/log-line-observations';

const recognised = (line: string) => observationsOfLine(line).filter((observation) => observation.kind !== 'log');

describe('observationsOfLine', () => {
  it.each([
    ['processor: polling 4 shard(s) of qos-e1c759-Stream862536A4 from TRIM_HORIZON', { kind: 'kinesis-stream', shards: 4 }],
    ['kafka: kafka-sessionizer: RetryAttemptsExhausted: 42 record(s) of partition 0 go to clickstream-dlq', { kind: 'kafka-dead-letter', records: 42, partition: 0, topic: 'clickstream-dlq' }],
  ])('%s', (line, expected) => {
    expect(recognised(line)).toEqual([expected]);
  });

  // Each of these is sent as a typed event by the run itself: read from the line too, the page would count it twice.
  it.each([
    'email: fargate: backlog 231 > 100 per worker: started worker 2',
    caughtUpLine('dashboard', { uniqueEventsSeen: 1998, invalidRecordsSeen: 2 }, { recordsCompleted: 2000, recordsDiscarded: 0 }),
    'clickstream: wrote 300 events in 3 PutRecords calls and 1 poison record(s) (middle)',
    'kafka: SIGKILLed member-1 (busy) mid-produce; its partitions move after the 6000 ms session timeout',
    'kafka: analytics accounted for 200/200 events (0 duplicates after the rebalance)',
  ])('leaves to the typed events: %s', (line) => {
    expect(recognised(line)).toEqual([]);
  });

  it('keeps every line for the log panel, with the pattern it is about', () => {
    expect(observationsOfLine('email: fargate: enqueued 47 valid and 3 malformed jobs')).toEqual([
      { kind: 'log', pattern: 'sqs', line: 'email: fargate: enqueued 47 valid and 3 malformed jobs' },
    ]);
    expect([patternOfLine('replay: polling 4 shard(s)'), patternOfLine('kafka-sessionizer: x'), patternOfLine('something else')]).toEqual(['kinesis', 'kafka', 'run']);
  });
});
