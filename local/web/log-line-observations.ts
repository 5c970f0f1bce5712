/**
 * What the live page can learn today from the run's own progress log, before the pattern runs emit
 * typed events themselves: the lines below are printed by local/email, local/clickstream and
 * local/kafka (and pinned by this module's tests). A line that matches nothing is still shown in the
 * page's log. Pure, so it is unit-tested.
 */
import type { PatternName, RunObservation } from './live-observation';

/** One recognised line shape and what it means. */
interface LinePattern {
  readonly shape: RegExp;
  readonly observe: (groups: readonly string[]) => RunObservation;
}

const whole = (text: string | undefined): number => Number(text ?? '0');
/** The archive's reader logs under its construct id (`ArchiveDeliveryStream…`): the page calls it `archive`. */
const consumerName = (logged: string | undefined): string => (logged?.startsWith('Archive') ? 'archive' : (logged ?? ''));

const LINE_PATTERNS: readonly LinePattern[] = [
  {
    shape: /^email: \w+: backlog (\d+) > \d+ per worker: started worker (\d+)$/,
    observe: ([backlog, workers]) => ({ kind: 'sqs-worker-added', backlog: whole(backlog), workers: whole(workers) }),
  },
  {
    shape: /^(\w+): polling (\d+) shard\(s\) of /,
    observe: ([consumer, shards]) => (consumer === 'processor' ? { kind: 'kinesis-stream', shards: whole(shards) } : { kind: 'kinesis-consumer', consumer: consumerName(consumer), seen: 0, caughtUp: false }),
  },
  {
    shape: /^clickstream: (\w+) caught up: seen (\d+) valid records/,
    observe: ([consumer, seen]) => ({ kind: 'kinesis-consumer', consumer: consumerName(consumer), seen: whole(seen), caughtUp: true }),
  },
  {
    shape: /^clickstream: wrote \d+ events in \d+ PutRecords calls and (\d+) poison record\(s\)/,
    observe: ([written]) => ({ kind: 'kinesis-poison', written: whole(written), destination: 'on-failure destination (SQS)' }),
  },
  {
    shape: /^kafka: Apache Kafka \S+ \(KRaft\) on (\S+), started in (\d+) ms/,
    observe: ([address, startMs]) => ({ kind: 'kafka-broker', address: address ?? '', startMs: whole(startMs) }),
  },
  {
    shape: /^kafka: (\d+) analytics members joined; producing (\d+) events to (\d+) partitions/,
    observe: ([members, events, partitions]) => ({ kind: 'kafka-members-joined', members: whole(members), events: whole(events), partitions: whole(partitions) }),
  },
  {
    shape: /^kafka: SIGKILLed (\S+) .*after the (\d+) ms session timeout/,
    observe: ([memberId, timeout]) => ({ kind: 'kafka-member-killed', memberId: memberId ?? '', sessionTimeoutMs: whole(timeout) }),
  },
  {
    shape: /RetryAttemptsExhausted: (\d+) record\(s\) of partition (\d+) go to (\S+)$/,
    observe: ([records, partition, topic]) => ({ kind: 'kafka-dead-letter', records: whole(records), partition: whole(partition), topic: topic ?? '' }),
  },
  {
    shape: /^kafka: analytics accounted for (\d+)\/(\d+) events \((\d+) duplicates/,
    observe: ([seen, total, duplicates]) => ({ kind: 'kafka-analytics-done', seen: whole(seen), total: whole(total), duplicates: whole(duplicates) }),
  },
];

/** The pattern a log line is about, from its prefix. */
export function patternOfLine(line: string): PatternName | 'run' {
  if (line.startsWith('email:')) return 'sqs';
  if (line.startsWith('kafka')) return 'kafka';
  if (/^(clickstream|processor|dashboard|replay|archive|Archive)\S*:/.test(line)) return 'kinesis';
  return 'run';
}

/** The observations one log line carries: always the line itself, plus what it says, if recognised. */
export function observationsOfLine(line: string): RunObservation[] {
  const observations: RunObservation[] = [{ kind: 'log', pattern: patternOfLine(line), line }];
  for (const { shape, observe } of LINE_PATTERNS) {
    const match = shape.exec(line);
    if (match !== null) observations.push(observe(match.slice(1)));
  }
  return observations;
}
