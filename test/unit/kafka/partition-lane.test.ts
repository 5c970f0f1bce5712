/**
 * The MSK runner's partition lane, fed while it is live: a full batch starts at once while the
 * batching window of its first record is still armed, a drain may finish before that window
 * closes, and records keep coming after. Every record must be handled, in order, once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PartitionLane } from '../../../local/kafka/partition-lane';

interface TestRecord {
  readonly offset: bigint;
}

const records = (from: number, count: number): TestRecord[] => Array.from({ length: count }, (_, index) => ({ offset: BigInt(from + index) }));

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  for (let waited = 0; !condition() && waited < timeoutMs; waited += 5) await sleep(5);
}

describe('PartitionLane', () => {
  it('handles every record fed across batching windows, including a window that closes after its records were drained', async () => {
    // Prepare
    const handled: bigint[] = [];
    const lane = new PartitionLane<TestRecord>(0n, {
      batchSize: 2,
      batchingWindowMs: 30,
      runBatch: (batch) => {
        handled.push(...batch.map((record) => record.offset));
        return Promise.resolve();
      },
    });

    // Act: pairs fill a batch at once (their window still armed), singles wait for theirs.
    let offset = 0;
    for (const size of [2, 1, 2, 3, 1, 2, 2, 1]) {
      for (const record of records(offset, size)) lane.accept(record);
      offset += size;
      await sleep(size === 1 ? 45 : 10);
    }
    await until(() => handled.length === offset && lane.idle, 2_000);

    // Assert
    expect(handled).toEqual(records(0, offset).map((record) => record.offset));
    expect(lane.done).toBe(BigInt(offset));
    await lane.stop();
  });

  it('ignores records it already queued or handled (a fetch stream opened again re-delivers from the committed offset)', async () => {
    // Prepare
    const handled: bigint[] = [];
    const lane = new PartitionLane<TestRecord>(5n, {
      batchSize: 10,
      batchingWindowMs: 5,
      runBatch: (batch) => Promise.resolve(void handled.push(...batch.map((record) => record.offset))),
    });

    // Act
    for (const record of records(5, 3)) lane.accept(record);
    await until(() => lane.idle && handled.length === 3, 1_000);
    for (const record of records(5, 5)) lane.accept(record);
    await until(() => lane.idle && handled.length === 5, 1_000);

    // Assert
    expect(handled).toEqual([5n, 6n, 7n, 8n, 9n]);
    await lane.stop();
  });

  it('puts a failed batch back and tries it again, in order', async () => {
    // Prepare
    const handled: bigint[] = [];
    let failures = 1;
    const errors: unknown[] = [];
    const lane = new PartitionLane<TestRecord>(0n, {
      batchSize: 2,
      batchingWindowMs: 5,
      retryDelayMs: 10,
      onBatchError: (error) => errors.push(error),
      runBatch: (batch) => {
        if (failures-- > 0) return Promise.reject(new Error('dead-letter write failed'));
        handled.push(...batch.map((record) => record.offset));
        return Promise.resolve();
      },
    });

    // Act
    for (const record of records(0, 3)) lane.accept(record);
    await until(() => lane.idle && handled.length === 3, 1_000);

    // Assert
    expect(handled).toEqual([0n, 1n, 2n]);
    expect(errors).toHaveLength(1);
    await lane.stop();
  });
});
