import { setTimeout as sleep } from 'node:timers/promises';
import { sendInPartitionPipeline } from '../../../../runtime/kafka/producer/partition-pipeline';

/** Partition p holds the records `p-0`, `p-1`, … in order. */
function partitionsOf(sizes: readonly number[]): Map<number, string[]> {
  return new Map(sizes.map((size, partition) => [partition, Array.from({ length: size }, (_, index) => `${partition}-${index}`)]));
}

describe('sendInPartitionPipeline', () => {
  it('keeps up to maxInFlight requests outstanding, never two of one partition, each partition in order', async () => {
    // Prepare
    const inFlight = new Set<number>();
    let mostInFlight = 0;
    const written = new Map<number, string[]>();
    const send = async (partition: number, records: readonly string[]): Promise<void> => {
      if (inFlight.has(partition)) throw new Error(`partition ${partition} had two requests in flight`);
      inFlight.add(partition);
      mostInFlight = Math.max(mostInFlight, inFlight.size);
      await sleep(1 + ((partition * 7 + records.length) % 4));
      written.set(partition, [...(written.get(partition) ?? []), ...records]);
      inFlight.delete(partition);
    };
    const partitions = partitionsOf([95, 40, 7, 120, 0, 63]);

    // Act
    const sent = await sendInPartitionPipeline({ partitions, batchSize: 10, maxInFlight: 3, send });

    // Assert
    expect(sent).toBe(325);
    expect(mostInFlight).toBe(3);
    for (const [partition, records] of partitions) expect(written.get(partition) ?? []).toEqual(records);
  });

  it('rejects with the first failed request and starts no new request after it', async () => {
    // Prepare
    const requests: number[] = [];
    const send = async (partition: number): Promise<void> => {
      requests.push(partition);
      await sleep(1);
      if (requests.length === 4) throw new Error('broker said no');
    };

    // Act
    const outcome = sendInPartitionPipeline({ partitions: partitionsOf([50, 50]), batchSize: 5, maxInFlight: 2, send });

    // Assert
    await expect(outcome).rejects.toThrow('broker said no');
    expect(requests.length).toBeLessThanOrEqual(5);
  });
});
