/**
 * A fresh SQS queue per contender: every contender meets the same backlog on the same emulator,
 * and none inherits another's in-flight or half-deleted messages.
 */
import { randomUUID } from 'node:crypto';
import { CreateQueueCommand, DeleteQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { EnvironmentError } from '../../runtime/shared/errors';

/** The queue could not be created, or not filled as asked. */
export class BenchQueueError extends EnvironmentError {
  constructor(
    /** Queue URL, or the name asked for when there is no URL. */
    readonly queue: string,
    /** What went wrong, e.g. the first failed entry. */
    readonly reason: string,
  ) {
    super(`benchmark queue ${queue}: ${reason}`);
  }
}

/** Options of {@link createBenchQueue}. */
export interface BenchQueueOptions {
  /** Prefix of the queue name; a random suffix keeps it fresh. */
  readonly namePrefix: string;
  /**
   * Visibility timeout of the queue, in seconds: long enough that no message of a healthy run is
   * delivered twice, so every contender does exactly the jobs it was given.
   */
  readonly visibilityTimeoutSeconds: number;
  /**
   * Make it a FIFO queue (name ending in `.fifo`, no content-based deduplication: the producer sets
   * MessageGroupId and MessageDeduplicationId, as EncryptedQueue's FIFO queues expect).
   * @default false
   */
  readonly fifo?: boolean;
}

/** A queue made for one benchmark contender. */
export interface BenchQueue {
  readonly queueUrl: string;
  /** Deletes the queue. */
  remove(): Promise<void>;
}

/** Creates a fresh, empty queue. */
export async function createBenchQueue(client: SQSClient, options: BenchQueueOptions): Promise<BenchQueue> {
  const fifo = options.fifo ?? false;
  const queueName = `${options.namePrefix}-${randomUUID().slice(0, 8)}${fifo ? '.fifo' : ''}`;
  const created = await client.send(
    new CreateQueueCommand({
      QueueName: queueName,
      Attributes: {
        VisibilityTimeout: String(options.visibilityTimeoutSeconds),
        ...(fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'false' } : {}),
      },
    }),
  );
  const queueUrl = created.QueueUrl;
  if (queueUrl === undefined) throw new BenchQueueError(queueName, 'CreateQueue returned no QueueUrl');
  return {
    queueUrl,
    remove: async () => {
      await client.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    },
  };
}
