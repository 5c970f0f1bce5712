/**
 * One received message, end to end, for both adapters: parse, send once, record metrics, and on
 * failure settle it through {@link MessageDisposition}. (`EmailsSent` is counted by the sender, so an
 * idempotent replay does not count as a second email.) Resolves when the message is done (sent,
 * already sent, or dead-lettered) and may be deleted; throws when it must be retried.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { HeldMessageControl } from '../shared/sqs-poller/poller';
import type { QueuedMessage } from '../shared/sqs-poller/queued-message';
import { parseEmailJob, type IdempotentJobSender } from './job';
import { EMAIL_WORKER_LOG_EVENTS, LOG_EVENT_FIELD } from './log-events';
import type { MessageDisposition } from './message-disposition';
import { EMAIL_WORKER_METRICS } from './observability';

export interface EmailMessageProcessorOptions {
  readonly sendOnce: IdempotentJobSender;
  readonly disposition: MessageDisposition;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/**
 * Processes one message; `lease` bounds the idempotency in-progress marker. `heartbeat` is the
 * Fargate poller's (Lambda has none): stopped before a failure sets the message's visibility.
 */
export type EmailMessageProcessor = (message: QueuedMessage, lease: Context, heartbeat?: HeldMessageControl) => Promise<void>;

export function createEmailMessageProcessor(options: EmailMessageProcessorOptions): EmailMessageProcessor {
  const { logger, metrics } = options;
  return async (message, lease, heartbeat) => {
    const startedAt = Date.now();
    try {
      const job = parseEmailJob(message.body, message.messageId);
      const record = await options.sendOnce(job, lease);
      metrics.addMetric(EMAIL_WORKER_METRICS.jobDuration, MetricUnit.Milliseconds, Date.now() - startedAt);
      logger.debug('job done', { messageId: message.messageId, jobId: record.jobId });
    } catch (error) {
      metrics.addMetric(EMAIL_WORKER_METRICS.emailsFailed, MetricUnit.Count, 1);
      // Otherwise a heartbeat already on its way could land after, and undo, the retry backoff.
      await heartbeat?.stopHeartbeat();
      const outcome = await options.disposition.settleFailure(message, error);
      if (outcome.kind === 'dead-lettered') {
        logger.error('permanent failure: moved to the dead-letter queue', {
          [LOG_EVENT_FIELD]: EMAIL_WORKER_LOG_EVENTS.deadLettered,
          messageId: message.messageId,
          reason: outcome.reason,
          ...(outcome.reasonDropped === undefined ? {} : { reasonDropped: outcome.reasonDropped }),
        });
        return;
      }
      logger.warn('transient failure: retry scheduled', {
        [LOG_EVENT_FIELD]: EMAIL_WORKER_LOG_EVENTS.retryScheduled,
        messageId: message.messageId,
        receiveCount: message.receiveCount,
        delaySeconds: outcome.delaySeconds,
        reason: outcome.reason,
        ...(outcome.backoffError === undefined ? {} : { backoffError: outcome.backoffError }),
      });
      throw error;
    }
  };
}
