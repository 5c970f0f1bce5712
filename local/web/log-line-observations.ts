/**
 * The run's log lines for the page's log panel, each with the pattern it is about. A line is only
 * ever shown: every figure the page draws comes as a typed event through the RunEventSink
 * (PatternRunContext.liveEvents, and the event-source runners' observer callbacks), so rewording a
 * progress line cannot change a chart. Pure, so it is unit-tested.
 */
import type { LogEvent, PatternName } from './live-observation';

/** The pattern a log line is about, from its prefix. */
export function patternOfLine(line: string): PatternName | 'run' {
  if (line.startsWith('email:')) return 'sqs';
  if (line.startsWith('kafka')) return 'kafka';
  if (/^(clickstream|processor|dashboard|replay|archive|Archive)\S*:/.test(line)) return 'kinesis';
  return 'run';
}

/** The log panel's observation of one line. */
export function logLineObservation(line: string): LogEvent {
  return { kind: 'log', pattern: patternOfLine(line), line };
}
