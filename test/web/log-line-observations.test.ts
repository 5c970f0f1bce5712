/**
 * The live page's log panel: each line with the pattern it is about, and nothing more. The lines
 * below print figures the page also draws; those come as typed events (the runners' observer
 * callbacks, the runs' sinks), so read from the line too, the page would count them twice.
 */
import { caughtUpLine } from '../../local/clickstream/caught-up-line';
import { logLineObservation, patternOfLine } from '../../local/web/log-line-observations';

describe('logLineObservation', () => {
  it.each([
    ['processor: polling 4 shard(s) of qos-e1c759-Stream862536A4 from TRIM_HORIZON', 'kinesis'],
    ['kafka: kafka-sessionizer: RetryAttemptsExhausted: 42 record(s) of partition 0 go to clickstream-dlq', 'kafka'],
    ['email: fargate: backlog 231 > 100 per worker: started worker 2', 'sqs'],
    [caughtUpLine('dashboard', { uniqueEventsSeen: 1998, invalidRecordsSeen: 2 }, { recordsCompleted: 2000, recordsDiscarded: 0 }), 'kinesis'],
    ['clickstream: wrote 300 events in 3 PutRecords calls and 1 poison record(s) (middle)', 'kinesis'],
    ['kafka: SIGKILLed member-1 (busy) mid-produce; its partitions move after the 6000 ms session timeout', 'kafka'],
  ])('keeps %s as a log line of its pattern only', (line, pattern) => {
    expect(logLineObservation(line)).toEqual({ kind: 'log', pattern, line });
  });

  it('names the pattern from the prefix, and the run for anything else', () => {
    expect([patternOfLine('replay: polling 4 shard(s)'), patternOfLine('archive: delivered 3 objects'), patternOfLine('kafka-sessionizer: x'), patternOfLine('something else')]).toEqual(['kinesis', 'kinesis', 'kafka', 'run']);
  });
});
