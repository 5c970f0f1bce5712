import { PartitionKeyQueues, type KeyedItem } from '../../../runtime/clickstream/producer/partition-key-queues';

interface Item extends KeyedItem {
  readonly id: string;
}

const item = (partitionKey: string, id: string, sizeBytes = 10): Item => ({ partitionKey, id, sizeBytes });

describe('PartitionKeyQueues', () => {
  it('offers one head per key, and the next one only after the head completes', () => {
    // Prepare
    const queues = new PartitionKeyQueues<Item>();
    [item('a', 'a1'), item('a', 'a2'), item('b', 'b1')].forEach((queued) => queues.enqueue(queued));

    // Act
    const first = queues.takeBatch(500, 1000).map((taken) => taken.id);
    const whileInFlight = queues.takeBatch(500, 1000);
    queues.completeHead('a');
    const afterCompletion = queues.takeBatch(500, 1000).map((taken) => taken.id);

    // Assert
    expect(first).toEqual(['a1', 'b1']);
    expect(whileInFlight).toEqual([]);
    expect(afterCompletion).toEqual(['a2']);
  });

  it('stops a batch at the record count and at the byte budget', () => {
    // Prepare
    const queues = new PartitionKeyQueues<Item>();
    ['a', 'b', 'c', 'd'].forEach((key) => queues.enqueue(item(key, key, 40)));

    // Act
    const byCount = queues.takeBatch(1, 1000).map((taken) => taken.id);
    const byBytes = queues.takeBatch(500, 100).map((taken) => taken.id);

    // Assert
    expect(byCount).toEqual(['a']);
    expect(byBytes).toEqual(['b', 'c']);
    expect(queues.readyCount).toBe(1);
    expect(queues.readyBytes).toBe(40);
  });

  it('offers a retried head again, and removes a given-up key with everything behind it', () => {
    // Prepare
    const queues = new PartitionKeyQueues<Item>();
    [item('a', 'a1'), item('a', 'a2'), item('a', 'a3')].forEach((queued) => queues.enqueue(queued));
    queues.takeBatch(500, 1000);

    // Act
    queues.retryHead('a');
    const retried = queues.takeBatch(500, 1000).map((taken) => taken.id);
    const removed = queues.removeKey('a').map((taken) => taken.id);

    // Assert
    expect(retried).toEqual(['a1']);
    expect(removed).toEqual(['a1', 'a2', 'a3']);
    expect(queues.readyCount).toBe(0);
  });
});
