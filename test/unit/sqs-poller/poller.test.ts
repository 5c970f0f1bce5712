/**
 * The poller's state machine against a fake SQS client: slots, timeouts, drain, receive-error
 * handling and the heartbeat. On fake timers: every wait is fake time the test advances, so the
 * timeouts and heartbeat periods below are exact whatever the machine's speed. How SQS itself
 * behaves is covered against fauxqs in test/integ.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import {
  ChangeMessageVisibilityCommand,
  InvalidSecurity,
  KmsAccessDenied,
  KmsThrottled,
  QueueDoesNotExist,
  RequestThrottled,
  SQSServiceException,
  type Message,
} from '@aws-sdk/client-sqs';
import { SqsPoller, type SqsPollerOptions } from '../../../runtime/shared/sqs-poller/poller';
import { isNonRetryableReceiveError } from '../../../runtime/shared/sqs-poller/receive-errors';
import { recordingSqsClient, type RecordedCommand } from '../../factories/email-fakes';
import { advanceUntil, advanceUntilSettled, fakeDelay } from '../../factories/fake-time';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/poller-test';
/** How long an empty fake receive "long-polls": short, so stop() is quick. */
const EMPTY_RECEIVE_MS = 5;

function aMessage(id: string): Message {
  return { MessageId: id, ReceiptHandle: `handle-${id}`, Body: JSON.stringify({ jobId: id }), Attributes: { ApproximateReceiveCount: '1' } };
}

function messages(count: number): Message[] {
  return Array.from({ length: count }, (_, index) => aMessage(`m${index}`));
}

/** A promise the test resolves when it chooses. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** What the fake queue answers to one receive: messages, or an error to throw. */
type ReceiveAnswer = Message[] | Error;

/**
 * A fake SQS queue: receives hand out `queued` answers in order (then empty long polls); deletes
 * succeed; visibility changes answer through `onVisibilityBatch` (default: at once).
 */
function fakeQueue(queued: ReceiveAnswer[], onVisibilityBatch: (command: RecordedCommand) => Promise<unknown> = async () => ({})) {
  const answers = [...queued];
  const sqs = recordingSqsClient(async (command) => {
    switch (command.name) {
      case 'ReceiveMessageCommand': {
        const answer = answers.shift();
        if (answer instanceof Error) throw answer;
        if (answer !== undefined) return { Messages: answer };
        await fakeDelay(EMPTY_RECEIVE_MS);
        return {};
      }
      case 'DeleteMessageBatchCommand':
        return { Successful: (command.input.Entries as Array<{ Id: string }>).map(({ Id }) => ({ Id })) };
      case 'ChangeMessageVisibilityBatchCommand':
        return onVisibilityBatch(command);
      default:
        return {};
    }
  });
  const calls = (name: string): RecordedCommand[] => sqs.commands.filter((command) => command.name === name);
  return { ...sqs, calls };
}

function aPoller(client: ReturnType<typeof fakeQueue>['client'], overrides: Partial<SqsPollerOptions> & Pick<SqsPollerOptions, 'processMessage'>) {
  const logger = new Logger({ logLevel: 'SILENT' });
  const warn = jest.spyOn(logger, 'warn');
  const poller = new SqsPoller({
    sqs: client,
    queueUrl: QUEUE_URL,
    visibilityTimeoutSeconds: 30,
    waitTimeSeconds: 0,
    prefetch: 0,
    deleteFlushIntervalMs: 1,
    // The backoff sleeps on node:timers/promises, which fake timers do not control: no wait at all.
    errorBackoff: { baseDelayMs: 0, maxDelayMs: 0 },
    logger,
    ...overrides,
  });
  return { poller, warn };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

function deletedHandles(commands: RecordedCommand[]): string[] {
  return commands.flatMap((command) => (command.input.Entries as Array<{ ReceiptHandle: string }>).map((entry) => entry.ReceiptHandle));
}

describe('SqsPoller job timeout', () => {
  it('keeps a timed-out job in its slot until it settles, never exceeding the concurrency', async () => {
    // Prepare: the first two jobs hang past their timeout until the test lets them go
    const queue = fakeQueue([messages(6)]);
    const firstJobsMayFinish = gate();
    let active = 0;
    let maxActive = 0;
    const started: string[] = [];
    const { poller, warn } = aPoller(queue.client, {
      concurrency: 2,
      jobTimeoutMs: 10,
      processMessage: async (message) => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        started.push(message.MessageId ?? '');
        try {
          if (started.length <= 2) await firstJobsMayFinish.opened;
        } finally {
          active -= 1;
        }
      },
    });
    const timeoutWarnings = () => warn.mock.calls.filter(([text]) => String(text).startsWith('job timed out')).length;
    // Act
    poller.start();
    await advanceUntil(() => started.length >= 2);
    // Past the 10 ms timeouts armed before it (so they fired), and time for a wrongly freed slot to start a job.
    await jest.advanceTimersByTimeAsync(40);
    const startedWhileTimedOutJobsRan = started.length;
    const timeoutsLogged = timeoutWarnings();
    firstJobsMayFinish.open();
    await advanceUntil(() => poller.stats().succeeded === 4);
    await advanceUntilSettled(poller.stop());
    // Assert
    expect(startedWhileTimedOutJobsRan).toBe(2);
    expect(timeoutsLogged).toBe(2);
    expect(maxActive).toBeLessThanOrEqual(2);
    expect(started).toHaveLength(6);
    expect(poller.stats()).toMatchObject({ received: 6, succeeded: 4, failed: 2, deleted: 4 });
    expect(deletedHandles(queue.calls('DeleteMessageBatchCommand')).sort()).toEqual(['handle-m2', 'handle-m3', 'handle-m4', 'handle-m5']);
  });

  it('stop() resolves only after every started job settled, timed out or not', async () => {
    // Prepare
    const queue = fakeQueue([messages(3)]);
    const jobsMayFinish = gate();
    let startedJobs = 0;
    let settledJobs = 0;
    const { poller, warn } = aPoller(queue.client, {
      concurrency: 3,
      jobTimeoutMs: 10,
      processMessage: async () => {
        startedJobs += 1;
        await jobsMayFinish.opened;
        settledJobs += 1;
      },
    });
    poller.start();
    await advanceUntil(() => startedJobs === 3);
    // Past the 10 ms timeouts armed before it: every job is now past its timeout.
    await jest.advanceTimersByTimeAsync(40);
    const timeoutsLogged = warn.mock.calls.filter(([text]) => String(text).startsWith('job timed out')).length;
    // Act
    let stopResolved = false;
    const stopped = poller.stop().then(() => (stopResolved = true));
    // Time for a wrongly early stop() to resolve.
    await jest.advanceTimersByTimeAsync(30);
    const resolvedBeforeJobsSettled = stopResolved;
    jobsMayFinish.open();
    await advanceUntilSettled(stopped);
    // Assert
    expect(resolvedBeforeJobsSettled).toBe(false);
    expect(timeoutsLogged).toBe(3);
    expect(startedJobs).toBe(3);
    expect(settledJobs).toBe(startedJobs);
    expect(poller.stats()).toMatchObject({ failed: 3, succeeded: 0, deleted: 0 });
  });
});

describe('SqsPoller receive errors', () => {
  const accessDenied = new SQSServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: 'not authorized to perform sqs:receivemessage',
  });
  const fatalErrors: Array<[string, Error]> = [
    ['QueueDoesNotExist', new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: { httpStatusCode: 400 } })],
    ['KmsAccessDenied', new KmsAccessDenied({ message: 'KMS access denied', $metadata: { httpStatusCode: 400 } })],
    ['InvalidSecurity', new InvalidSecurity({ message: 'use HTTPS', $metadata: { httpStatusCode: 400 } })],
    ['AccessDeniedException', accessDenied],
  ];

  it.each(fatalErrors)('stops receiving on %s and rejects `finished` with it', async (errorName, error) => {
    // Prepare
    const queue = fakeQueue([error]);
    const { poller } = aPoller(queue.client, { processMessage: async () => undefined });
    // Act
    poller.start();
    const outcome = await advanceUntilSettled(
      poller.finished.then(
        () => 'resolved',
        (failure: unknown) => failure,
      ),
    );
    // Assert
    expect(outcome).toMatchObject({ name: 'NonRetryableReceiveError', errorName, queueUrl: QUEUE_URL, cause: error });
    expect(queue.calls('ReceiveMessageCommand')).toHaveLength(1);
  });

  it('retries throttling and network errors, then processes what arrives', async () => {
    // Prepare
    const networkError = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const queue = fakeQueue([
      new RequestThrottled({ message: 'slow down', $metadata: { httpStatusCode: 400 } }),
      new KmsThrottled({ message: 'KMS slow down', $metadata: { httpStatusCode: 400 } }),
      networkError,
      [aMessage('after-errors')],
    ]);
    const processed: string[] = [];
    const { poller, warn } = aPoller(queue.client, { processMessage: async (message) => void processed.push(message.MessageId ?? '') });
    // Act
    poller.start();
    await advanceUntil(() => poller.stats().deleted === 1);
    await advanceUntilSettled(poller.stop());
    // Assert
    await expect(poller.finished).resolves.toBeUndefined();
    expect(processed).toEqual(['after-errors']);
    expect(warn.mock.calls.filter(([text]) => text === 'receive failed; backing off')).toHaveLength(3);
  });

  it.each([
    ['a 5xx server fault', false, new SQSServiceException({ name: 'InternalError', $fault: 'server', $metadata: { httpStatusCode: 500 }, message: 'oops' })],
    ['HTTP 429 under any name', false, new SQSServiceException({ name: 'SlowDown', $fault: 'client', $metadata: { httpStatusCode: 429 }, message: 'slow' })],
    ['a non-SDK value', false, 'boom'],
    ['KMS key not found', true, new SQSServiceException({ name: 'KmsNotFound', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'no key' })],
  ])('classifies %s as non-retryable: %s', (_label, expected, error) => {
    // Act
    const nonRetryable = isNonRetryableReceiveError(error);
    // Assert
    expect(nonRetryable).toBe(expected);
  });
});

describe('SqsPoller visibility heartbeat', () => {
  it('sends no visibility change for a message after its job finished', async () => {
    // Prepare: 12 held messages need two heartbeat batches (two receive loops of 10 hold them); the first batch answers only after every job failed
    const firstBatchMayAnswer = gate();
    let heartbeatCalls = 0;
    const queue = fakeQueue([messages(10), messages(12).slice(10)], async () => {
      heartbeatCalls += 1;
      if (heartbeatCalls === 1) await firstBatchMayAnswer.opened;
      return {};
    });
    const jobsMayFail = gate();
    /** Index in the command log at which each message's job finished. */
    const finishedAtCommand = new Map<string, number>();
    const { poller } = aPoller(queue.client, {
      concurrency: 20,
      // 1 s: the heartbeat (every 250 ms) extends a message once half of it has passed.
      visibilityTimeoutSeconds: 1,
      processMessage: async (message) => {
        await jobsMayFail.opened;
        // As the message disposition does: set the retry backoff, then report the failure.
        await queue.client.send(
          new ChangeMessageVisibilityCommand({ QueueUrl: QUEUE_URL, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 7 }),
        );
        finishedAtCommand.set(message.ReceiptHandle ?? '', queue.commands.length);
        throw new Error('transient failure');
      },
    });
    // Act
    poller.start();
    await advanceUntil(() => heartbeatCalls >= 1);
    jobsMayFail.open();
    await advanceUntil(() => poller.stats().failed === 12);
    firstBatchMayAnswer.open();
    await advanceUntilSettled(poller.stop());
    // Assert
    const heartbeatEntries = queue.commands.flatMap((command, index) =>
      command.name === 'ChangeMessageVisibilityBatchCommand'
        ? (command.input.Entries as Array<{ ReceiptHandle: string }>).map((entry) => ({ handle: entry.ReceiptHandle, index }))
        : [],
    );
    const extendedAfterFinishing = heartbeatEntries.filter(({ handle, index }) => index >= (finishedAtCommand.get(handle) ?? Infinity));
    expect(new Set(heartbeatEntries.map(({ handle }) => handle)).size).toBe(12);
    expect(extendedAfterFinishing).toEqual([]);
  });

  it('stopHeartbeat() waits for an extension already sent, and none follows it', async () => {
    // Prepare: the first heartbeat call stays open until the test lets it answer
    const heartbeatMayAnswer = gate();
    const heartbeatSent = gate();
    let heartbeatCalls = 0;
    const queue = fakeQueue([messages(1)], async () => {
      heartbeatCalls += 1;
      heartbeatSent.open();
      if (heartbeatCalls === 1) await heartbeatMayAnswer.opened;
      return {};
    });
    const order: string[] = [];
    const { poller } = aPoller(queue.client, {
      concurrency: 1,
      visibilityTimeoutSeconds: 1,
      processMessage: async (message, control) => {
        await heartbeatSent.opened;
        const stopped = control.stopHeartbeat().then(() => order.push('heartbeat stopped'));
        await fakeDelay(20);
        order.push('extension answers');
        heartbeatMayAnswer.open();
        await stopped;
        await queue.client.send(
          new ChangeMessageVisibilityCommand({ QueueUrl: QUEUE_URL, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 7 }),
        );
        await fakeDelay(600); // more than two heartbeat periods (250 ms each): none may extend this message now
        throw new Error('transient failure');
      },
    });
    // Act
    poller.start();
    await advanceUntil(() => poller.stats().failed === 1);
    await advanceUntilSettled(poller.stop());
    // Assert
    const backoffAt = queue.commands.findIndex((command) => command.name === 'ChangeMessageVisibilityCommand');
    const extensionsAfterBackoff = queue.commands.slice(backoffAt).filter((command) => command.name === 'ChangeMessageVisibilityBatchCommand');
    expect(order).toEqual(['extension answers', 'heartbeat stopped']);
    expect(backoffAt).toBeGreaterThan(-1);
    expect(extensionsAfterBackoff).toEqual([]);
  });
});
