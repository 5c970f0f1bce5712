/**
 * Structured fields of the worker's log lines that tools read (the local harness counts redeliveries
 * from them). A reader matches the `event` field, never the message text, so rewording a log line
 * cannot break a count.
 */

/** The field of a Powertools JSON log line that names the event. */
export const LOG_EVENT_FIELD = 'event';

/** Event names in {@link LOG_EVENT_FIELD}. */
export const EMAIL_WORKER_LOG_EVENTS = {
  /** A receive failed transiently and the retry backoff was set; the line carries `messageId` and `receiveCount` (ApproximateReceiveCount). */
  retryScheduled: 'job-retry-scheduled',
  /** A permanent failure was moved to the dead-letter queue; the line carries `messageId` and `reason`. */
  deadLettered: 'job-dead-lettered',
} as const;
