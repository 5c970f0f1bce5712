/** The Kafka lanes, owners and rebalance, from the state records the analytics members write. */
import { AnalyticsStateTracker } from '../../local/web/analytics-state-tracker';

const record = (member: string, sourcePartition: number, sourceOffset: number) => ({ member, sourcePartition, sourceOffset: String(sourceOffset) });

describe('AnalyticsStateTracker', () => {
  it('says who owns each partition once, and counts distinct source records per partition', () => {
    const tracker = new AnalyticsStateTracker();
    expect(tracker.observe(record('member-1', 0, 0))).toEqual([{ kind: 'kafka-partition-owner', partition: 0, memberId: 'member-1' }]);
    expect(tracker.observe(record('member-1', 0, 1))).toEqual([]);
    expect(tracker.observe(record('member-2', 1, 0))).toEqual([{ kind: 'kafka-partition-owner', partition: 1, memberId: 'member-2' }]);
    // The same source record processed twice (a redelivery) is one record of its partition.
    tracker.observe(record('member-1', 0, 1));
    expect(tracker.recordsPerPartition()).toEqual(new Map([[0, 2], [1, 1]]));
  });

  it('marks the rebalance at the first record of a killed member\'s partition processed by another member', () => {
    const tracker = new AnalyticsStateTracker();
    tracker.observe(record('member-1', 0, 0));
    tracker.observe(record('member-2', 1, 0));
    tracker.memberKilled('member-1');
    // A record the killed member wrote before it died changes nothing.
    expect(tracker.observe(record('member-1', 0, 1))).toEqual([]);
    expect(tracker.observe(record('member-2', 0, 1))).toEqual([
      { kind: 'kafka-rebalance', partition: 0, fromMember: 'member-1', toMember: 'member-2' },
      { kind: 'kafka-partition-owner', partition: 0, memberId: 'member-2' },
    ]);
    // A late record of the killed member does not take the partition back, nor mark a second rebalance.
    expect(tracker.observe(record('member-1', 0, 2))).toEqual([]);
    expect(tracker.observe(record('member-2', 0, 3))).toEqual([]);
  });

  it('sees no rebalance while no member was killed', () => {
    const tracker = new AnalyticsStateTracker();
    tracker.observe(record('member-1', 0, 0));
    expect(tracker.observe(record('member-2', 0, 1))).toEqual([{ kind: 'kafka-partition-owner', partition: 0, memberId: 'member-2' }]);
  });
});
