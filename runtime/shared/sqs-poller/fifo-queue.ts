/** SQS names a FIFO queue `<name>.fifo` (CreateQueue rule): the URL says which kind a queue is. */
const FIFO_QUEUE_SUFFIX = '.fifo';

/** True for the URL (or name, or ARN) of a FIFO queue. */
export function isFifoQueueUrl(queueUrl: string): boolean {
  return queueUrl.endsWith(FIFO_QUEUE_SUFFIX);
}
