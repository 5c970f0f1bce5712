/**
 * Every prop validation error of EmailWorkerStack and its constructs: one test per rule, each
 * asserting the message names the construct, the prop, the value and the limit.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { EncryptedQueue, type EncryptedQueueProps } from '../../lib/common/encrypted-queue';
import { EmailIdempotencyTable } from '../../lib/email-worker/email-idempotency-table';
import { EmailLambdaConsumer } from '../../lib/email-worker/email-lambda-consumer';
import { EmailSenderIdentity } from '../../lib/email-worker/email-sender-identity';
import type { EmailWorkerStackProps } from '../../lib/email-worker/email-worker-stack';
import { buildEmailWorker, newTestApp } from './helpers/email-worker-app';

const lambda = (lambdaConsumer: EmailWorkerStackProps['lambdaConsumer'], jobTimeout?: Duration): EmailWorkerStackProps =>
  ({ consumers: 'lambda', lambdaConsumer, jobTimeout });
const fargate = (fargateConsumer: EmailWorkerStackProps['fargateConsumer'], jobTimeout?: Duration): EmailWorkerStackProps =>
  ({ consumers: 'fargate', fargateConsumer, jobTimeout });

describe('EmailWorkerStack prop validation', () => {
  it.each<[string, EmailWorkerStackProps, string]>([
    ['maxReceiveCount below 1', { maxReceiveCount: 0 }, 'EncryptedQueue: maxReceiveCount must be an integer from 1 to 1000 (SQS redrive policy maxReceiveCount); got 0'],
    ['a fractional maxReceiveCount', { maxReceiveCount: 2.5 }, 'EncryptedQueue: maxReceiveCount must be an integer from 1 to 1000 (SQS redrive policy maxReceiveCount); got 2.5'],
    ['a job timeout under 1 s', { jobTimeout: Duration.millis(500) }, 'EmailWorkerStack: jobTimeout must be a whole number of seconds, at least 1; got 500 ms'],
    ['a fargate job timeout that stopTimeout cannot cover', fargate(undefined, Duration.seconds(111)),
      "EmailWorkerStack: jobTimeout must be at most 110 seconds in fargate mode (Fargate's 120 s stopTimeout must cover a job plus 10 s of drain); got 111 s"],
    ['a lambda job timeout over Lambda\'s limit', lambda(undefined, Duration.seconds(891)),
      "EmailWorkerStack: jobTimeout must be at most 890 seconds in lambda mode (Lambda's 15-minute timeout minus 10 s headroom); got 891 s"],
    ['a batch over 10 without a batching window', lambda({ batchSize: 11 }),
      'EmailLambdaConsumer: batchSize must be an integer from 1 to 10 (SQS event source limit without maxBatchingWindow); got 11'],
    ['a batch over 10,000 with a batching window', lambda({ batchSize: 10_001, maxBatchingWindow: Duration.seconds(1) }),
      'EmailLambdaConsumer: batchSize must be an integer from 1 to 10000 (SQS event source limit with a batching window); got 10001'],
    ['a batch of 0', lambda({ batchSize: 0 }),
      'EmailLambdaConsumer: batchSize must be an integer from 1 to 10 (SQS event source limit without maxBatchingWindow); got 0'],
    ['maxConcurrency below 2', lambda({ maxConcurrency: 1 }),
      'EmailLambdaConsumer: maxConcurrency must be an integer from 2 to 1000 (SQS event source MaximumConcurrency); got 1'],
    ['maxConcurrency over 1000', lambda({ maxConcurrency: 1001 }),
      'EmailLambdaConsumer: maxConcurrency must be an integer from 2 to 1000 (SQS event source MaximumConcurrency); got 1001'],
    ['memory below Lambda\'s minimum', lambda({ memorySize: 64 }),
      'EmailLambdaConsumer: memorySize must be an integer from 128 to 10240 (Lambda memory limits in MB); got 64'],
    ['a negative minCapacity', fargate({ minCapacity: -1 }), 'EmailFargateConsumer: minCapacity must be an integer ≥ 0; got -1'],
    ['a maxCapacity of 0', fargate({ maxCapacity: 0 }), 'EmailFargateConsumer: maxCapacity must be an integer ≥ 1; got 0'],
    ['maxCapacity below minCapacity', fargate({ minCapacity: 5, maxCapacity: 3 }), 'EmailFargateConsumer: maxCapacity must be ≥ minCapacity (5); got 3'],
    ['a workerConcurrency of 0', fargate({ workerConcurrency: 0 }), 'EmailFargateConsumer: workerConcurrency must be an integer from 1 to 1000; got 0'],
    ['Fargate tuning in lambda mode', { consumers: 'lambda', fargateConsumer: { maxCapacity: 2 } },
      "EmailWorkerStack: fargateConsumer must be left unset when consumers is 'lambda' (it would be ignored); got set"],
    ['Lambda tuning in fargate mode', { consumers: 'fargate', lambdaConsumer: { batchSize: 5 } },
      "EmailWorkerStack: lambdaConsumer must be left unset when consumers is 'fargate' (it would be ignored); got set"],
  ])('rejects %s', (_case, props, message) => {
    expect(() => buildEmailWorker(props)).toThrow(message);
  });

  it('rejects a retry schedule that ends before a killed job\'s idempotency lease expires', () => {
    const props: EmailWorkerStackProps = { ...fargate(undefined, Duration.seconds(5)), retryBaseDelay: Duration.seconds(1), maxReceiveCount: 3 };

    expect(() => buildEmailWorker(props)).toThrow(
      /EmailWorkerStack: maxReceiveCount must be large enough for the retry schedule to outlast the idempotency lease \(.*raise maxReceiveCount to 4.*\); got 3/,
    );
    expect(() => buildEmailWorker({ ...props, maxReceiveCount: 4 })).not.toThrow();
  });
});

describe('EmailLambdaConsumer visibility check', () => {
  it('rejects a queue whose visibility timeout is under 6 × the function timeout', () => {
    const stack = new Stack(newTestApp(), 'VisibilityCheck');
    const queue = new Queue(stack, 'Queue', { visibilityTimeout: Duration.seconds(200) });
    const props = {
      queue,
      queueVisibilityTimeout: Duration.seconds(200),
      deadLetterQueue: new Queue(stack, 'DeadLetterQueue'),
      idempotencyTable: new EmailIdempotencyTable(stack, 'Table').table,
      sender: new EmailSenderIdentity(stack, 'Sender'),
      functionTimeout: Duration.seconds(40),
      environment: {},
    };

    expect(() => new EmailLambdaConsumer(stack, 'Consumer', props)).toThrow(
      'EmailLambdaConsumer: queueVisibilityTimeout must be at least 6 × the function timeout = 240 s (AWS guidance for SQS event sources); got 200 s',
    );
  });
});

describe('EncryptedQueue prop validation', () => {
  const build = (props: (stack: Stack) => EncryptedQueueProps): EncryptedQueue => {
    const stack = new Stack(newTestApp(), 'EncryptedQueueCheck');
    return new EncryptedQueue(stack, 'Jobs', props(stack));
  };

  it('rejects an existing queue together with props that create one, naming them', () => {
    expect(() => build((stack) => ({
      existingQueue: new Queue(stack, 'Existing'),
      existingDeadLetterQueue: new Queue(stack, 'ExistingDlq'),
      maxReceiveCount: 3,
      visibilityTimeout: Duration.seconds(30),
    }))).toThrow('EncryptedQueue: visibilityTimeout, maxReceiveCount must be left unset when existingQueue/existingDeadLetterQueue are given');
  });

  it('rejects an existing queue without its dead-letter queue', () => {
    expect(() => build((stack) => ({ existingQueue: new Queue(stack, 'Existing') })))
      .toThrow('EncryptedQueue: existingDeadLetterQueue must be given together with the other existing queue');
  });

  it('rejects a visibility timeout over 12 hours', () => {
    expect(() => build(() => ({ visibilityTimeout: Duration.hours(13) })))
      .toThrow('EncryptedQueue: visibilityTimeout must be at most 12 hours (SQS limit); got 46800 s');
  });

  it('rejects a retention period under 60 seconds', () => {
    expect(() => build(() => ({ retentionPeriod: Duration.seconds(30) })))
      .toThrow('EncryptedQueue: retentionPeriod must be from 60 seconds to 14 days (SQS limit); got 30 s');
  });

  it('uses both existing queues as given', () => {
    const stack = new Stack(newTestApp(), 'Existing');
    const existingQueue = new Queue(stack, 'Existing');
    const existingDeadLetterQueue = new Queue(stack, 'ExistingDlq');

    const jobs = new EncryptedQueue(stack, 'Jobs', { existingQueue, existingDeadLetterQueue });

    expect(jobs.queue).toBe(existingQueue);
    expect(jobs.deadLetterQueue).toBe(existingDeadLetterQueue);
    expect(jobs.visibilityTimeout).toBeUndefined();
  });
});
