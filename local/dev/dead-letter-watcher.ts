/**
 * Watches the email dead-letter queue in `npm run dev`, so a job SQS moves there (after
 * maxReceiveCount receives) or a worker rejects shows up in dev's output and at GET /status, as the
 * Kinesis and Kafka rejections do. It reads the queue's approximate counts (no receive: it must not
 * spend the receives a person's own `receive-message` would see).
 */
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** What to watch. */
export interface DeadLetterWatcherProps {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  /** Called with the new total when more messages are in the queue than at the last look. */
  readonly onMoved: (moved: number, total: number) => void;
  /** Time between two looks. @default 1000 */
  readonly intervalMs?: number;
}

/** A running watcher. */
export interface DeadLetterWatcher {
  /** Messages in the queue at the last look (visible, in flight and delayed). */
  messages(): number;
  /** Stops looking, after the look in progress. */
  stop(): Promise<void>;
}

const COUNT_ATTRIBUTES = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] as const;

/** Starts watching `props.queueUrl`. */
export function watchDeadLetterQueue(props: DeadLetterWatcherProps): DeadLetterWatcher {
  let messages = 0;
  let looking: Promise<void> = Promise.resolve();
  const look = async (): Promise<void> => {
    const { Attributes } = await props.sqs.send(new GetQueueAttributesCommand({ QueueUrl: props.queueUrl, AttributeNames: [...COUNT_ATTRIBUTES] }));
    const total = COUNT_ATTRIBUTES.reduce((sum, name) => sum + Number(Attributes?.[name] ?? 0), 0);
    if (total > messages) props.onMoved(total - messages, total);
    messages = total;
  };
  const timer = setInterval(() => {
    // One look at a time; a failed look (the emulator busy) is retried at the next tick.
    looking = looking.then(look).catch(() => undefined);
  }, props.intervalMs ?? 1_000);
  return {
    messages: () => messages,
    async stop() {
      clearInterval(timer);
      await looking;
    },
  };
}
