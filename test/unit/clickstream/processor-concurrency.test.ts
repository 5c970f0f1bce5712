/**
 * The processor runs different users' records concurrently and each user's records in shard order.
 * Proved with a session store that records what is in flight: each call yields to the event loop
 * once, so calls overlap exactly when the processor lets them (no timing involved).
 */
import type { KinesisStreamEvent } from 'aws-lambda';
import { createClickstreamProcessor } from '../../../runtime/clickstream/processor-lambda/clickstream-processor';
import { padSequenceNumber } from '../../../runtime/clickstream/processor-lambda/sequence-number';
import type { SessionState } from '../../../runtime/clickstream/processor-lambda/session';
import { aPageView } from '../../factories/clickstream-events';
import { capturePowertoolsOutput, type PowertoolsOutput } from '../../factories/clickstream-emf-capture';
import { kinesisEventOf } from '../../factories/clickstream-kinesis-event';
import { aLambdaContext } from '../../factories/clickstream-lambda-context';
import { InMemorySessionStore } from '../../factories/clickstream-session-store';
import { aClickstreamProcessor } from '../../factories/clickstream-processor';

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** An in-memory store that observes concurrency: in-flight calls overall and per user, and applied saves. */
class ObservedSessionStore extends InMemorySessionStore {
  /** Per user, the watermarks of successful saves, in the order they landed. */
  readonly appliedSequenceNumbers = new Map<string, string[]>();
  /** Per user, every call the store received ('load' or 'save'), in order. */
  readonly callsByUser = new Map<string, string[]>();
  maxInFlight = 0;
  maxInFlightForOneUser = 0;
  private inFlight = 0;
  private readonly inFlightByUser = new Map<string, number>();

  override async load(userId: string): Promise<SessionState | undefined> {
    return this.observe(userId, 'load', () => super.load(userId));
  }

  override async save(next: SessionState, previous: SessionState | undefined): Promise<void> {
    await this.observe(next.userId, 'save', () => super.save(next, previous));
    this.appliedSequenceNumbers.set(next.userId, [...(this.appliedSequenceNumbers.get(next.userId) ?? []), next.lastSequenceNumber]);
  }

  private async observe<T>(userId: string, call: string, perform: () => Promise<T>): Promise<T> {
    this.callsByUser.set(userId, [...(this.callsByUser.get(userId) ?? []), call]);
    const userInFlight = (this.inFlightByUser.get(userId) ?? 0) + 1;
    this.inFlightByUser.set(userId, userInFlight);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    this.maxInFlightForOneUser = Math.max(this.maxInFlightForOneUser, userInFlight);
    try {
      await yieldToEventLoop();
      return await perform();
    } finally {
      this.inFlight -= 1;
      this.inFlightByUser.set(userId, userInFlight - 1);
    }
  }
}

/** Records of `users`, `recordsPerUser` each, interleaved user by user as a busy shard would carry them. */
function interleavedBatch(users: readonly string[], recordsPerUser: number): KinesisStreamEvent {
  const events = Array.from({ length: recordsPerUser }, (_, round) =>
    users.map((userId) => aPageView({ userId, timestamp: `2026-11-21T10:00:${String(round).padStart(2, '0')}Z` })),
  ).flat();
  return kinesisEventOf(events);
}

/** The padded sequence numbers of one user's records in the batch, in shard order. */
function sequenceNumbersOf(event: KinesisStreamEvent, userId: string): string[] {
  return event.Records.filter((record) => record.kinesis.partitionKey === userId).map((record) =>
    padSequenceNumber(record.kinesis.sequenceNumber),
  );
}

describe('clickstream processor concurrency', () => {
  let output: PowertoolsOutput;
  let store: ObservedSessionStore;
  const processorWith = (maxConcurrentKeys?: number): ReturnType<typeof createClickstreamProcessor> =>
    aClickstreamProcessor(store, { maxConcurrentKeys });

  beforeEach(() => {
    output = capturePowertoolsOutput();
    store = new ObservedSessionStore();
  });

  afterEach(() => output.restore());

  it('applies each user’s records in shard order while different users are processed concurrently', async () => {
    // Prepare
    const users = ['a', 'b', 'c', 'd'];
    const event = interleavedBatch(users, 5);

    // Act
    const response = await processorWith()(event, aLambdaContext());

    // Assert
    expect(response.batchItemFailures).toEqual([]);
    for (const userId of users) {
      expect(store.appliedSequenceNumbers.get(userId)).toEqual(sequenceNumbersOf(event, userId));
    }
    expect(store.maxInFlight).toBe(users.length);
    expect(store.maxInFlightForOneUser).toBe(1);
  });

  it.each([
    { maxConcurrentKeys: 3, expectedInFlight: 3 },
    { maxConcurrentKeys: undefined, expectedInFlight: 16 },
  ])('has at most $expectedInFlight users in flight when maxConcurrentKeys is $maxConcurrentKeys', async ({ maxConcurrentKeys, expectedInFlight }) => {
    // Prepare
    const users = Array.from({ length: 20 }, (_, index) => `user-${index}`);
    const event = interleavedBatch(users, 2);

    // Act
    const response = await processorWith(maxConcurrentKeys)(event, aLambdaContext());

    // Assert
    expect(response.batchItemFailures).toEqual([]);
    expect(store.maxInFlight).toBe(expectedInFlight);
    expect([...store.appliedSequenceNumbers.values()].flat()).toHaveLength(event.Records.length);
  });

  it('fails a user’s later records after one of theirs fails, while other users’ records are applied', async () => {
    // Prepare
    const event = kinesisEventOf([
      aPageView({ userId: 'u' }),
      aPageView({ userId: 'v' }),
      aPageView({ userId: 'u' }),
      aPageView({ userId: 'w' }),
      aPageView({ userId: 'u' }),
      aPageView({ userId: 'v' }),
    ]);
    store.failNextSaveFor.add('u');
    const sequenceNumberAt = (index: number): string => event.Records[index]?.kinesis.sequenceNumber ?? '';

    // Act
    const response = await processorWith()(event, aLambdaContext());

    // Assert
    expect(response.batchItemFailures).toEqual([0, 2, 4].map((index) => ({ itemIdentifier: sequenceNumberAt(index) })));
    expect(store.callsByUser.get('u')).toEqual(['load', 'save']);
    expect(store.items.has('u')).toBe(false);
    expect(store.appliedSequenceNumbers.get('v')).toEqual(sequenceNumbersOf(event, 'v'));
    expect(store.appliedSequenceNumbers.get('w')).toEqual(sequenceNumbersOf(event, 'w'));
  });
});
