/**
 * Consumers played in this process: one SqsPoller (the Fargate worker's engine) per spec, each
 * calling the run's own handler. The FIFO and fan-out runs count what their handlers see, so their
 * consumers run here rather than as worker processes.
 */
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import { SqsPoller } from '../../runtime/shared/sqs-poller/poller';

/** One poller. */
export interface InProcessPollerSpec {
  readonly queueUrl: string;
  /** Handles one message body; throwing leaves the message to SQS (it returns after the visibility timeout). */
  readonly process: (body: string) => Promise<void>;
  /** The queue's visibility timeout in seconds. */
  readonly visibilityTimeoutSeconds: number;
  /** Messages it handles at once. @default the poller's (10) */
  readonly concurrency?: number;
}

/** Pollers started together and stopped together. */
export interface InProcessPollers {
  /** Stops every poller, letting running handlers finish. */
  stop(): Promise<void>;
}

/** Starts one poller per spec on `sqs`; their logs stay silent (the run reports its own counts). */
export function startInProcessPollers(sqs: SQSClient, specs: readonly InProcessPollerSpec[]): InProcessPollers {
  const quiet = new Logger({ logLevel: 'SILENT' });
  const pollers = specs.map((spec) => new SqsPoller({
    sqs,
    queueUrl: spec.queueUrl,
    processMessage: (message) => spec.process(message.Body ?? ''),
    visibilityTimeoutSeconds: spec.visibilityTimeoutSeconds,
    ...(spec.concurrency === undefined ? {} : { concurrency: spec.concurrency }),
    // A short long-poll, so stopping at the end of a run takes a second, not twenty.
    waitTimeSeconds: 1,
    logger: quiet,
  }));
  for (const poller of pollers) poller.start();
  return { stop: async () => void (await Promise.all(pollers.map((poller) => poller.stop()))) };
}

/** The queue's visibility timeout as provisioned, in seconds: what the pollers' heartbeat extends by. */
export async function queueVisibilityTimeoutSeconds(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['VisibilityTimeout'] }));
  const seconds = Number(Attributes?.['VisibilityTimeout']);
  if (!Number.isInteger(seconds) || seconds < 0) throw new Error(`${queueUrl} reports no VisibilityTimeout (got ${String(Attributes?.['VisibilityTimeout'])})`);
  return seconds;
}
