/**
 * The run's log lines for the page's log panel, and the two facts only a log line still carries:
 * the shard count the processor's event-source runner prints when it starts polling, and the
 * batches the local MSK event source sends to the dead-letter topic (both printed deep inside the
 * local event-source runners, pinned by this module's tests). Everything else the page draws comes
 * as typed events through the RunEventSink (PatternRunContext.liveEvents), so rewording a progress
 * line cannot break it. Pure, so it is unit-tested.
 */
import type { PatternName, RunObservation } from './live-observation';

/** One recognised line shape and what it means. */
interface LinePattern {
  readonly shape: RegExp;
  readonly observe: (groups: readonly string[]) => RunObservation;
}

const whole = (text: string | undefined): number => Number(text ?? '0');

const LINE_PATTERNS: readonly LinePattern[] = [
  {
    // The processor's runner knows the stream's shards before any record: the page draws empty lanes.
    shape: /^processor: polling (\d+) shard\(s\) of /,
    observe: ([shards]) => ({ kind: 'kinesis-stream', shards: whole(shards) }),
  },
  {
    shape: /RetryAttemptsExhausted: (\d+) record\(s\) of partition (\d+) go to (\S+)$/,
    observe: ([records, partition, topic]) => ({ kind: 'kafka-dead-letter', records: whole(records), partition: whole(partition), topic: topic ?? '' }),
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
