/**
 * The Lambda adapter on a FIFO queue: Powertools' FIFO processor with skipGroupOnError. Records
 * carry MessageGroupId as Lambda delivers them from a FIFO queue.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import type { QueuedMessage } from '../../../runtime/shared/sqs-poller/queued-message';
import { createSqsBatchHandler } from '../../../runtime/shared/sqs-poller/sqs-batch-handler';
import { aLambdaContext, anSqsEvent, anSqsRecord } from '../../factories/email-sqs-event';

function aFifoRecord(messageId: string, group: string): SQSRecord {
  const record = anSqsRecord({ body: messageId, messageId });
  return { ...record, attributes: { ...record.attributes, MessageGroupId: group, SequenceNumber: '1', MessageDeduplicationId: messageId } };
}

/** Where Metrics' own warnings go: these jobs add no metric, and every empty flush warns. */
const quietLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A handler whose job fails `failing`, with its metrics flushes counted. */
function handlerFailing(failing: string, fifo: boolean) {
  const processed: string[] = [];
  const metrics = new Metrics({ namespace: 'test', serviceName: 'test', logger: quietLogger });
  const flushes = jest.spyOn(metrics, 'publishStoredMetrics');
  const handler = createSqsBatchHandler({
    metrics,
    processMessage: async (message: QueuedMessage) => {
      processed.push(message.messageId);
      if (message.messageId === failing) throw new Error('transient');
    },
  }, { fifo });
  return { handler, processed, flushes };
}

describe('createSqsBatchHandler({ fifo: true })', () => {
  const event = anSqsEvent([aFifoRecord('a1', 'A'), aFifoRecord('b1', 'B'), aFifoRecord('a2', 'A'), aFifoRecord('b2', 'B')]);

  it('fails the rest of a failed record\'s group unprocessed, and goes on with the other groups in order', async () => {
    const { handler, processed, flushes } = handlerFailing('a1', true);

    const response = await handler(event, aLambdaContext());

    expect(processed).toEqual(['a1', 'b1', 'b2']);
    expect(flushes).toHaveBeenCalledTimes(1);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual(['a1', 'a2']);
  });

  it('without fifo runs every record, so a2 would run ahead of the failed a1', async () => {
    const { handler, processed } = handlerFailing('a1', false);

    const response = await handler(event, aLambdaContext());

    expect(processed).toContain('a2');
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'a1' }]);
  });
});
