/**
 * Lag per group from the broker's answers: committed offsets against each partition's log start
 * and end offsets, as `kafka-consumer-groups --describe` computes LAG.
 */
import type { ListConsumerGroupOffsetsGroup } from '@platformatic/kafka';
import { committedOffsetsOn, groupLag, lagPerGroup, type PartitionRange } from '../../local/web/group-lag';

const range = (start: number, end: number): PartitionRange => ({ start: BigInt(start), end: BigInt(end) });
const committed = (entries: [number, number][]): Map<number, bigint> => new Map(entries.map(([partition, offset]) => [partition, BigInt(offset)]));

describe('groupLag', () => {
  it('sums, over the partitions, the records between the committed offset and the end', () => {
    expect(groupLag([range(0, 100), range(0, 40), range(0, 7)], committed([[0, 60], [1, 40], [2, 0]]))).toBe(40 + 0 + 7);
  });

  it('counts a partition without a commit yet from its log start, where the group starts reading', () => {
    expect(groupLag([range(10, 50), range(0, 30)], committed([[1, 30]]))).toBe(40);
  });

  it('is 0 once every partition is committed up to its end', () => {
    expect(groupLag([range(0, 1000), range(0, 998)], committed([[0, 1000], [1, 998]]))).toBe(0);
  });

  it('reads a commit below the log start (records deleted) from the log start, and never goes below 0', () => {
    expect(groupLag([range(50, 80), range(0, 5)], committed([[0, 20], [1, 9]]))).toBe(30);
  });

  it('is unknown for a group that committed nothing on the topic (a reader that commits no offsets)', () => {
    expect(groupLag([range(0, 100)], new Map())).toBeUndefined();
  });
});

describe('committedOffsetsOn', () => {
  const answer: ListConsumerGroupOffsetsGroup[] = [
    {
      groupId: 'sessionizer-x',
      topics: [
        { name: 'clickstream-x', partitions: [{ partitionIndex: 0, committedOffset: 12n, committedLeaderEpoch: 0, metadata: null }, { partitionIndex: 1, committedOffset: -1n, committedLeaderEpoch: -1, metadata: null }] },
        { name: 'other', partitions: [{ partitionIndex: 0, committedOffset: 99n, committedLeaderEpoch: 0, metadata: null }] },
      ],
    },
    { groupId: 'analytics-x', topics: [] },
  ];

  it('keeps the offsets on the topic, leaving out the partitions the broker answers -1 for', () => {
    expect(committedOffsetsOn('clickstream-x', answer)).toEqual(new Map([['sessionizer-x', committed([[0, 12]])], ['analytics-x', new Map()]]));
  });

  it('names each group\'s lag by the name the page shows, leaving out the groups with nothing committed', () => {
    const lags = lagPerGroup({ sessionizer: 'sessionizer-x', analytics: 'analytics-x', replay: 'replay-x' }, [range(0, 20), range(0, 5)], committedOffsetsOn('clickstream-x', answer));
    expect(lags).toEqual(new Map([['sessionizer', 8 + 5]]));
  });
});
