/**
 * The worker's side of the redelivery signal: a transient failure is logged with the structured
 * `event` field the local harness counts (local/email/retry-log-counter.ts), so the two agree through
 * one constant and not through the message text.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createEmailMessageProcessor } from '../../../runtime/email-worker/email-message-processor';
import { EMAIL_WORKER_LOG_EVENTS } from '../../../runtime/email-worker/log-events';
import { MessageDisposition } from '../../../runtime/email-worker/message-disposition';
import { RetryLogCounter } from '../../../local/email/retry-log-counter';
import { recordingSqsClient } from '../../factories/email-fakes';
import { anEmailJob } from '../../factories/email-job';
import { aLambdaContext } from '../../factories/email-sqs-event';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';

/** Runs `act` with the Powertools JSON lines it prints captured (and kept off the test output). */
async function capturingLogLines(act: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array): boolean => {
    lines.push(...String(chunk).split('\n').filter((line) => line !== ''));
    return true;
  };
  // Powertools writes warnings and errors to stderr, the rest to stdout.
  const spies = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
  try {
    await act();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines;
}

function aProcessor(logger: Logger) {
  return createEmailMessageProcessor({
    sendOnce: () => Promise.reject(new Error('SMTP 451: try again later')),
    disposition: new MessageDisposition({
      sqs: recordingSqsClient().client,
      queueUrl: 'https://queue',
      deadLetterQueueUrl: 'https://dlq',
      retryBaseDelaySeconds: 1,
    }),
    logger,
    metrics: new Metrics({ namespace: 'test', singleMetric: false }),
  });
}

describe('email message processor log events', () => {
  it('logs a transient failure with event job-retry-scheduled, messageId and receiveCount, which the harness counts', async () => {
    const counter = new RetryLogCounter();
    const lines = await capturingLogLines(async () => {
      const processMessage = aProcessor(new Logger({ serviceName: 'email-worker', logLevel: 'WARN' }));
      const body = JSON.stringify(anEmailJob());
      for (const receiveCount of [1, 2]) {
        await expect(processMessage({ messageId: 'm-1', body, receiptHandle: 'h', receiveCount }, aLambdaContext())).rejects.toThrow('SMTP 451');
      }
    });

    const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events).toEqual([
      expect.objectContaining({ event: EMAIL_WORKER_LOG_EVENTS.retryScheduled, messageId: 'm-1', receiveCount: 1 }),
      expect.objectContaining({ event: EMAIL_WORKER_LOG_EVENTS.retryScheduled, messageId: 'm-1', receiveCount: 2 }),
    ]);
    lines.forEach(counter.onLine);
    expect(counter.observation()).toEqual({ transientFailures: 2, redeliveries: 1, messagesRetried: 1, highestReceiveCount: 2 });
  });

  it('logs a permanent failure with event job-dead-lettered', async () => {
    const lines = await capturingLogLines(async () => {
      const processMessage = aProcessor(new Logger({ serviceName: 'email-worker', logLevel: 'WARN' }));
      await processMessage({ messageId: 'm-2', body: '{"jobId": "half', receiptHandle: 'h', receiveCount: 1 }, aLambdaContext());
    });

    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ event: EMAIL_WORKER_LOG_EVENTS.deadLettered, messageId: 'm-2' }),
    ]);
  });
});
