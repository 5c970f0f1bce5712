/**
 * Every prop rule of the EmailWorker construct, built in a bare Stack: each case asserts the exact
 * message (the construct path, then one line per problem), and one case collects several problems
 * into one error. Ranges aws-cdk-lib enforces are left to it; the last block shows it still does.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { ConfigurationError, exitCodeFor } from '../../runtime/shared/errors';
import { EMAIL_WORKER_ENV } from '../../runtime/email-worker/settings';
import { EncryptedQueue } from '../../lib/common/encrypted-queue';
import { InvalidPropError } from '../../lib/common/invalid-prop-error';
import { EmailWorker, type EmailWorkerProps } from '../../lib/email-worker/email-worker';
import { bareStack, errorOf, invalidPropsMessage } from './helpers/bare-stack';

const build = (props: EmailWorkerProps | ((stack: Stack) => EmailWorkerProps)): EmailWorker => {
  const stack = bareStack();
  return new EmailWorker(stack, 'Worker', typeof props === 'function' ? props(stack) : props);
};
/** The message for `problems` of the construct at Test/Worker. */
const message = (...problems: string[]): string => invalidPropsMessage('Test/Worker', ...problems);
const lambda = (lambdaConsumer: EmailWorkerProps['lambdaConsumer'], jobTimeout?: Duration): EmailWorkerProps =>
  ({ consumers: 'lambda', lambdaConsumer, jobTimeout });
const fargate = (fargateConsumer: EmailWorkerProps['fargateConsumer'], jobTimeout?: Duration): EmailWorkerProps =>
  ({ consumers: 'fargate', fargateConsumer, jobTimeout });
/** A queue with a DLQ, as a user of the construct would define it. */
const ownQueues = (stack: Stack, visibilityTimeout = Duration.seconds(240)) => {
  const existingDeadLetterQueue = new Queue(stack, 'OwnDlq');
  const existingQueue = new Queue(stack, 'OwnQueue', { visibilityTimeout, deadLetterQueue: { queue: existingDeadLetterQueue, maxReceiveCount: 7 } });
  return { existingQueue, existingDeadLetterQueue };
};

describe('EmailWorker prop validation', () => {
  it.each<[string, EmailWorkerProps | ((stack: Stack) => EmailWorkerProps), string]>([
    ['maxReceiveCount below 1', { maxReceiveCount: 0 }, 'maxReceiveCount must be an integer from 1 to 1000 (SQS redrive policy maxReceiveCount); got 0'],
    ['a fractional maxReceiveCount', { maxReceiveCount: 2.5 }, 'maxReceiveCount must be an integer from 1 to 1000 (SQS redrive policy maxReceiveCount); got 2.5'],
    ['a job timeout under 1 s', { jobTimeout: Duration.millis(500) }, 'jobTimeout must be a whole number of seconds, at least 1; got 500 ms'],
    ['a retry delay in partial seconds', { retryBaseDelay: Duration.millis(1500) }, 'retryBaseDelay must be a whole number of seconds, at least 0; got 1500 ms'],
    ['a fargate job timeout that stopTimeout cannot cover', fargate(undefined, Duration.seconds(111)),
      "jobTimeout must be at most 110 seconds in fargate mode (Fargate's 120 s stopTimeout must cover a job plus 10 s of drain); got 111 s"],
    ['a lambda job timeout over Lambda\'s limit', lambda(undefined, Duration.seconds(891)),
      "jobTimeout must be at most 890 seconds in lambda mode (Lambda's 15-minute timeout minus 10 s headroom); got 891 s"],
    ['memory below Lambda\'s minimum', lambda({ memorySize: 64 }),
      'lambdaConsumer.memorySize must be an integer from 128 to 10240 (Lambda memory limits in MB); got 64'],
    ['a maxCapacity of 0', fargate({ maxCapacity: 0 }),
      'fargateConsumer.maxCapacity must be an integer ≥ 1 (a worker that may never run drains nothing); got 0'],
    ['a workerConcurrency of 0', fargate({ workerConcurrency: 0 }),
      'fargateConsumer.workerConcurrency must be an integer from 1 to 1000 (jobs one task runs at once); got 0'],
    ['Fargate tuning in lambda mode', { consumers: 'lambda', fargateConsumer: { maxCapacity: 2 } },
      "fargateConsumer must be left unset when consumers is 'lambda' (it would be ignored); got set"],
    ['Lambda tuning in fargate mode', { consumers: 'fargate', lambdaConsumer: { batchSize: 5 } },
      "lambdaConsumer must be left unset when consumers is 'fargate' (it would be ignored); got set"],
    ['an empty producer list', { producers: [] },
      'producers must be at least one principal, or left unset (an empty list would let nobody but the account root user enqueue); got []'],
    ['a service principal as producer', { producers: [new ServicePrincipal('sns.amazonaws.com')] },
      'producers must be IAM roles, users or ARN principals (aws:PrincipalArn names them); a service principal has no principal ARN; got ServicePrincipal(sns.amazonaws.com)'],
    ['the signup fan-out on a FIFO queue', { queueType: 'fifo', signupFanout: true },
      'signupFanout must be left unset with a FIFO queue (a standard SNS topic cannot deliver to FIFO queues; use a standard queue, -c emailQueue=standard); got true'],
    ['an existing queue together with props that create one', (stack) => ({ ...ownQueues(stack), queueType: 'standard', maxReceiveCount: 3 }),
      'existingQueue, queueType, maxReceiveCount must be given one at a time: pass existingQueue to use your own resource, or queueType, maxReceiveCount to shape the one created for you; got all set'],
    ['an existing queue without its dead-letter queue', (stack) => ({ existingQueue: ownQueues(stack).existingQueue }),
      'existingDeadLetterQueue must be given together with the other existing queue (existingQueue and existingDeadLetterQueue go together); got undefined'],
    ['an imported queue, whose settings cannot be read', (stack) => ({
      existingQueue: Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:eu-west-1:123456789012:jobs'),
      existingDeadLetterQueue: Queue.fromQueueArn(stack, 'ImportedDlq', 'arn:aws:sqs:eu-west-1:123456789012:jobs-dlq'),
    }), "existingQueue must be a Queue defined in this app: its visibility timeout, retention and maxReceiveCount shape the worker's timeouts, and an imported queue's cannot be read; got an imported queue"],
    ['an existing queue without a redrive policy', (stack) => ({ existingQueue: new Queue(stack, 'NoDlq'), existingDeadLetterQueue: new Queue(stack, 'Dlq') }),
      'existingQueue must be a queue with a redrive policy (deadLetterQueue) to existingDeadLetterQueue; got a queue without a dead-letter queue'],
    ['an existing queue whose visibility is under 6 × the function timeout', (stack) => ({ ...ownQueues(stack, Duration.seconds(200)), consumers: 'lambda' }),
      'existingQueue must be a queue whose visibility timeout is at least 240 s = 6 × the function timeout (AWS guidance for SQS event sources); got a visibility timeout of 200 s'],
    ['an existing queue whose visibility is under 2 × the job timeout', (stack) => ({ ...ownQueues(stack, Duration.seconds(50)) }),
      'existingQueue must be a queue whose visibility timeout is at least 60 s = 2 × jobTimeout (a job plus a missed heartbeat); got a visibility timeout of 50 s'],
    ['an existing idempotency table together with table props', (stack) => ({
      existingIdempotencyTable: new TableV2(stack, 'Own', { partitionKey: { name: 'id', type: AttributeType.STRING } }), idempotencyTableProps: {},
    }), 'existingIdempotencyTable, idempotencyTableProps must be given one at a time: pass existingIdempotencyTable to use your own resource, or idempotencyTableProps to shape the one created for you; got all set'],
  ])('rejects %s', (_case, props, problem) => {
    const error = errorOf(() => build(props));

    expect(error).toBeInstanceOf(InvalidPropError);
    expect((error as InvalidPropError).message).toBe(message(problem));
  });

  it('rejects a retry schedule that ends before a killed job\'s idempotency lease expires, keeping one receive for a kill before the job starts', () => {
    const props: EmailWorkerProps = { ...fargate(undefined, Duration.seconds(5)), retryBaseDelay: Duration.seconds(1), maxReceiveCount: 3 };

    expect((errorOf(() => build(props)) as Error).message).toBe(message(
      'maxReceiveCount must be large enough for the retry schedule to outlast the idempotency lease (the retry schedule ends before the ' +
        'idempotency lease expires: with maxReceiveCount 3 (1 kept for a worker killed before the job starts, which spends a receive) and ' +
        'retryBaseDelay 1 s, a job whose worker is killed is received for the last time 2.5 s after its lease started (first redelivery ' +
        'after 2.5 s), but the lease lasts 5 s (+1 s margin), so a job already sent could be dead-lettered; raise maxReceiveCount to 5); got 3',
    ));
    expect(() => build({ ...props, maxReceiveCount: 4 })).toThrow(/raise maxReceiveCount to 5/);
    expect(() => build({ ...props, maxReceiveCount: 5 })).not.toThrow();
  });

  it('lists every problem in one error, a ConfigurationError that exits with code 2', () => {
    const error = errorOf(() => build({
      consumers: 'lambda', jobTimeout: Duration.millis(1500), maxReceiveCount: 0, fargateConsumer: {}, producers: [],
    }));

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(exitCodeFor(error)).toBe(2);
    expect((error as InvalidPropError).problems.map((problem) => problem.prop)).toEqual(['jobTimeout', 'fargateConsumer', 'maxReceiveCount', 'producers']);
    expect((error as Error).message).toBe(message(
      'jobTimeout must be a whole number of seconds, at least 1; got 1500 ms',
      "fargateConsumer must be left unset when consumers is 'lambda' (it would be ignored); got set",
      'maxReceiveCount must be an integer from 1 to 1000 (SQS redrive policy maxReceiveCount); got 0',
      'producers must be at least one principal, or left unset (an empty list would let nobody but the account root user enqueue); got []',
    ));
  });
});

describe('EmailWorker existing resources', () => {
  it('uses your queue, DLQ and table, and tells the worker the queue\'s own settings', () => {
    const stack = bareStack();
    const queues = ownQueues(stack);
    const table = new TableV2(stack, 'OwnTable', { partitionKey: { name: 'id', type: AttributeType.STRING }, timeToLiveAttribute: 'expiration' });

    const worker = new EmailWorker(stack, 'Worker', { ...queues, existingIdempotencyTable: table, consumers: 'lambda' });

    expect(worker.jobs.queue).toBe(queues.existingQueue);
    expect(worker.jobs.deadLetterQueue).toBe(queues.existingDeadLetterQueue);
    expect(worker.idempotency.table).toBe(table);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { [EMAIL_WORKER_ENV.visibilityTimeoutSeconds]: '240', [EMAIL_WORKER_ENV.maxReceiveCount]: '7' } },
    });
  });

  it('restricts an existing queue to its producers too', () => {
    const stack = bareStack();
    const producer = new Role(stack, 'Producer', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });

    new EmailWorker(stack, 'Worker', { ...ownQueues(stack), producers: [producer] });

    Template.fromStack(stack).hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'DenySendToAllButProducers', Effect: 'Deny' })]) },
    });
  });
});

describe('ranges left to aws-cdk-lib', () => {
  it.each<[string, EmailWorkerProps, RegExp]>([
    ['a batch over 10 without a batching window', lambda({ batchSize: 11 }), /Maximum batch size must be between 1 and 10 inclusive \(given 11\)/],
    ['maxConcurrency below 2', lambda({ maxConcurrency: 1 }), /maxConcurrency must be between 2 and 1000/],
    ['maxCapacity below minCapacity', fargate({ minCapacity: 5, maxCapacity: 3 }), /minCapacity \(5\) should be lower than maxCapacity \(3\)/],
  ])('still rejects %s', (_case, props, cdkMessage) => {
    expect(() => build(props)).toThrow(cdkMessage);
  });
});

describe('EncryptedQueue prop validation', () => {
  it('rejects an existing queue together with props that create one, and a missing DLQ, in one error', () => {
    const stack = bareStack();

    expect(() => new EncryptedQueue(stack, 'Jobs', { existingQueue: new Queue(stack, 'Existing'), maxReceiveCount: 3, visibilityTimeout: Duration.seconds(30) }))
      .toThrow([
        'Invalid props of Test/Jobs:',
        '  - existingQueue, visibilityTimeout, maxReceiveCount must be given one at a time: pass existingQueue to use your own resource, ' +
          'or visibilityTimeout, maxReceiveCount to shape the one created for you; got all set',
        '  - existingDeadLetterQueue must be given together with the other existing queue (existingQueue and existingDeadLetterQueue go together); got undefined',
      ].join('\n'));
  });
});
