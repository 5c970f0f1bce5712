/**
 * Counts the receives the consumers themselves reported as transient failures, from the structured
 * (Powertools JSON) log lines they print: a line whose `event` field is `job-retry-scheduled`
 * (runtime/email-worker/log-events.ts, the constant the worker logs with) names the message and its
 * SQS `ApproximateReceiveCount`. The message text is not read, so rewording it cannot break the
 * count. This is how a local run observes visibility-timeout redeliveries without instrumenting SQS.
 */
import { EMAIL_WORKER_LOG_EVENTS, LOG_EVENT_FIELD } from '../../runtime/email-worker/log-events';

const RETRY_SCHEDULED = EMAIL_WORKER_LOG_EVENTS.retryScheduled;

/** What the consumers reported. */
export interface RetryObservation {
  /** Receives that failed transiently (each leaves the message on the queue for another receive). */
  readonly transientFailures: number;
  /** Receives with ApproximateReceiveCount > 1 among them: redeliveries after the visibility timeout. */
  readonly redeliveries: number;
  /** Distinct messages that failed transiently at least once. */
  readonly messagesRetried: number;
  /** Highest ApproximateReceiveCount reported (the redrive happens on the receive after maxReceiveCount). */
  readonly highestReceiveCount: number;
}

interface RetryLine {
  readonly messageId: string;
  readonly receiveCount: number;
}

function parseRetryLine(line: string): RetryLine | undefined {
  // Cheap filter before JSON.parse: most lines are other events.
  if (!line.includes(RETRY_SCHEDULED)) return undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { [LOG_EVENT_FIELD]: event, messageId, receiveCount } = parsed as Record<string, unknown>;
    if (event !== RETRY_SCHEDULED || typeof messageId !== 'string' || typeof receiveCount !== 'number') return undefined;
    return { messageId, receiveCount };
  } catch {
    return undefined;
  }
}

/** Feed it every output line of every consumer; read `observation()` at the end. */
export class RetryLogCounter {
  private readonly receivesByMessage = new Map<string, Set<number>>();

  /** Takes one output line; lines that are not retry reports are ignored. */
  readonly onLine = (line: string): void => {
    const retry = parseRetryLine(line);
    if (retry === undefined) return;
    const receives = this.receivesByMessage.get(retry.messageId) ?? new Set<number>();
    receives.add(retry.receiveCount);
    this.receivesByMessage.set(retry.messageId, receives);
  };

  observation(): RetryObservation {
    let transientFailures = 0;
    let redeliveries = 0;
    let highestReceiveCount = 0;
    for (const receives of this.receivesByMessage.values()) {
      transientFailures += receives.size;
      for (const count of receives) {
        if (count > 1) redeliveries += 1;
        highestReceiveCount = Math.max(highestReceiveCount, count);
      }
    }
    return { transientFailures, redeliveries, messagesRetried: this.receivesByMessage.size, highestReceiveCount };
  }
}
