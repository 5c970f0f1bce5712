import { laneOfPartitionKey, splitIntoLanes } from '../../../../local/clickstream/kinesis-event-source/partition-lanes';

interface TestRecord {
  readonly key: string;
  readonly position: number;
}

function recordsFor(keys: string[], perKey: number): TestRecord[] {
  const records: TestRecord[] = [];
  for (let position = 0; position < perKey; position += 1) {
    for (const key of keys) records.push({ key, position });
  }
  return records;
}

describe('partition lanes (ParallelizationFactor)', () => {
  const users = Array.from({ length: 50 }, (_unused, index) => `user-${index}`);

  it('puts every record of a key in the same lane, in shard order', () => {
    const lanes = splitIntoLanes(recordsFor(users, 5), (record) => record.key, 4);

    for (const user of users) {
      const lanesHoldingUser = lanes.filter((lane) => lane.some((record) => record.key === user));
      expect(lanesHoldingUser).toHaveLength(1);
      const positions = lanesHoldingUser[0]?.filter((record) => record.key === user).map((record) => record.position);
      expect(positions).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it('spreads many keys over every lane', () => {
    const lanes = splitIntoLanes(recordsFor(users, 1), (record) => record.key, 4);

    expect(lanes.map((lane) => lane.length > 0)).toEqual([true, true, true, true]);
    expect(lanes.flat()).toHaveLength(users.length);
  });

  it('uses one lane when the factor is 1', () => {
    expect(new Set(users.map((user) => laneOfPartitionKey(user, 1)))).toEqual(new Set([0]));
  });
});
