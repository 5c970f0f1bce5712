/**
 * SQS FIFO against fauxqs, with the Fargate worker's poller: order per message group under several
 * competing workers, a failing job that holds back only its own group, and SQS's deduplication of
 * a resent jobId. The same workload on a standard queue shows what FIFO buys.
 * fauxqs 2.4 keeps a deduplication id for 5 minutes (as SQS) in a cache of at most 10,000 ids; a
 * test cannot wait out the window, so "after 5 minutes" is not covered here. fauxqs also hands out at
 * most one message per group per receive (SQS may return several of a group in order), so the
 * poller's own one-per-group rule is proven in test/unit/sqs-poller/poller-fifo.test.ts.
 */
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startSqsEmulator } from '../../local/emulators/sqs-emulator';
import type { RunningEmulator } from '../../local/emulators/child-emulator';
import { inProcessFifoSession } from '../../local/email/fifo/embedded-fifo-target';
import type { FifoSession } from '../../local/email/fifo/fifo-target';
import { runOrderedQueue } from '../../local/email/fifo/ordered-queue-run';
import { emulatorSqsClient } from '../../local/emulators/emulator-clients';

let emulator: RunningEmulator;
let sqs: SQSClient;
let sequence = 0;

beforeAll(async () => {
  emulator = await startSqsEmulator();
  sqs = emulatorSqsClient(emulator.endpoint);
});

afterAll(async () => {
  sqs?.destroy();
  await emulator?.stop();
});

/** A session on a queue as EncryptedQueue declares it (FIFO: no content-based deduplication); 2 s visibility. */
async function queueSession(fifo: boolean): Promise<FifoSession> {
  sequence += 1;
  const name = `fifo-test-${process.pid}-${sequence}${fifo ? '.fifo' : ''}`;
  const attributes: Record<string, string> = { VisibilityTimeout: '2' };
  if (fifo) Object.assign(attributes, { FifoQueue: 'true', ContentBasedDeduplication: 'false' });
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const queue = { queueType: fifo ? 'fifo' : 'standard', sqs, queueUrl: QueueUrl ?? '', visibilityTimeoutSeconds: 2 } as const;
  return inProcessFifoSession(queue, [], async () => undefined);
}

describe('SQS FIFO with competing pollers (fauxqs)', () => {
  it('completes every job of every group in enqueue order: 0 inversions under 3 workers × 4 slots', async () => {
    const result = await runOrderedQueue(await queueSession(true), { runId: 'order', workers: 3, resends: 0 });

    expect(result).toMatchObject({ queueType: 'fifo', finished: true, completed: 120, duplicateCompletions: 0, perGroupOrderInversions: 0 });
  });

  it('a failing job holds back only its own group: the others finish while it fails, and nothing of its group overtakes it', async () => {
    const result = await runOrderedQueue(await queueSession(true), { runId: 'held', holdOneJob: true, resends: 0 });

    expect(result.finished).toBe(true);
    expect(result.heldJobFailures).toBeGreaterThanOrEqual(1);
    expect(result.othersCompletedWhileHeld).toBeGreaterThan(0);
    expect(result.heldGroupOvertakes).toBe(0);
    expect(result.perGroupOrderInversions).toBe(0);
  });

  it('drops a resent jobId within the deduplication window: each job is consumed once', async () => {
    const result = await runOrderedQueue(await queueSession(true), { runId: 'dedup', resends: 20 });

    expect(result).toMatchObject({ finished: true, resent: 20, deduplicated: 20, completed: 120, duplicateCompletions: 0 });
  });

  it('on a standard queue the same resends reach the consumers, and a failing job does not hold its recipient back', async () => {
    const result = await runOrderedQueue(await queueSession(false), { runId: 'standard', resends: 20, holdOneJob: true });

    expect(result).toMatchObject({ queueType: 'standard', finished: true, deduplicated: 0, duplicateCompletions: 20 });
    expect(result.heldGroupOvertakes).toBeGreaterThan(0);
  });
});
