/**
 * EmailWorkerStack with `queueType: 'fifo'` (`-c emailQueue=fifo`), in both consumer modes:
 * snapshot, the FIFO queue and DLQ, the shared resources and cdk-nag.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { EncryptedQueue } from '../../lib/common/encrypted-queue';
import { InvalidContextError } from '../../lib/common/invalid-context-error';
import { InvalidPropError } from '../../lib/common/invalid-prop-error';
import { buildQueueOrStreamApp } from '../../lib/queue-or-stream-app';
import { cdkJsonContext, SAMPLE_EMAIL_FROM, SKIP_BUNDLING, synthesizeEmailWorker } from './helpers/email-worker-app';
import { describeSharedEmailWorkerResources, type SynthesizedEmailWorker } from './helpers/email-worker-shared-assertions';
import { EMAIL_CONSUMER_MODES } from '../../runtime/email-worker/email-worker-choices';

describe.each(EMAIL_CONSUMER_MODES)('EmailWorkerStack (fifo, %s)', (consumers) => {
  let synthesized: SynthesizedEmailWorker;

  beforeAll(() => {
    synthesized = synthesizeEmailWorker({ consumers, queueType: 'fifo', emailFrom: SAMPLE_EMAIL_FROM });
  });

  it('matches the snapshot', () => {
    expect(synthesized.template.toJSON()).toMatchSnapshot();
  });

  it('creates a high-throughput FIFO jobs queue deduplicated by the producer\'s id, not the body', () => {
    synthesized.template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: Match.stringLikeRegexp('EmailQueue.*\\.fifo$'),
      FifoQueue: true,
      ContentBasedDeduplication: false,
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
      RedrivePolicy: { deadLetterTargetArn: synthesized.stack.resolve(synthesized.stack.worker.jobs.deadLetterQueue.queueArn), maxReceiveCount: 5 },
    });
  });

  it('gives it a FIFO dead-letter queue (SQS refuses a standard DLQ for a FIFO queue)', () => {
    synthesized.template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: Match.absent(),
      FifoQueue: true,
      ContentBasedDeduplication: false,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    synthesized.template.resourcePropertiesCountIs('AWS::SQS::Queue', { FifoQueue: true }, 2);
    expect(synthesized.stack.worker.jobs.fifo).toBe(true);
  });

  it('keeps every queue name within 80 characters, ending in .fifo', () => {
    const queues = synthesized.template.findResources('AWS::SQS::Queue', { Properties: { QueueName: Match.anyValue() } });
    const names = Object.values(queues).map((queue) => (queue as { Properties: { QueueName: string } }).Properties.QueueName);

    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^[A-Za-z0-9_-]{1,75}\.fifo$/);
  });

  describeSharedEmailWorkerResources(() => synthesized);
});

describe('emailQueue context', () => {
  const build = (context: Record<string, unknown>) => buildQueueOrStreamApp(new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING, ...context } }), {});

  it('-c emailQueue=fifo makes the jobs queue FIFO; the default stays standard', () => {
    expect(build({ emailQueue: 'fifo' }).emailWorker.worker.jobs.fifo).toBe(true);
    expect(build({}).emailWorker.worker.jobs.fifo).toBe(false);
  });

  it('rejects an unknown queue type with the key and the allowed values', () => {
    expect(() => build({ emailQueue: 'FIFO' })).toThrow(InvalidContextError);
    expect(() => build({ emailQueue: 'FIFO' })).toThrow('Invalid context emailQueue="FIFO": expected standard|fifo');
  });
});

describe('EncryptedQueue fifo', () => {
  it('refuses fifo together with existing queues (configure those queues themselves)', () => {
    const stack = new Stack();
    const existingQueue = new Queue(stack, 'Existing', { fifo: true });
    const existingDeadLetterQueue = new Queue(stack, 'ExistingDlq', { fifo: true });

    expect(() => new EncryptedQueue(stack, 'Jobs', { existingQueue, existingDeadLetterQueue, fifo: true }))
      .toThrow(InvalidPropError);
  });

  it('reports an existing FIFO queue as fifo', () => {
    const stack = new Stack();
    const jobs = new EncryptedQueue(stack, 'Jobs', {
      existingQueue: new Queue(stack, 'Existing', { fifo: true }),
      existingDeadLetterQueue: new Queue(stack, 'ExistingDlq', { fifo: true }),
    });

    expect(jobs.fifo).toBe(true);
  });
});
