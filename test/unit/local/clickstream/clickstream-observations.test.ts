import type { KinesisOnFailureRecord } from '../../../../local/clickstream/kinesis-event-source/on-failure-record';
import { archivePrefixForHour, hoursBetween } from '../../../../local/clickstream/archive-objects';
import { coversPosition } from '../../../../local/clickstream/on-failure-records';
import { pollUntil } from '../../../../local/target/poll-until';
import { planClickstreamEvents } from '../../../../local/remote/run-scoped-clickstream';
import { compareSessions, expectedSessions, type ComparedSession } from '../../../../local/clickstream/session-check';
import { measureReplay } from '../../../../local/clickstream/stream-replay';
import { encodeClickstreamEvent } from '../../../../runtime/shared/clickstream-record-codec';
import type { ClickstreamEvent } from '../../../../runtime/shared/clickstream-events';
import type { ShardRecord } from '../../../../local/clickstream/kinesis-event-source/kinesis-stream-event';

const RUN = 'qos-abc123';
const plan = { runId: RUN, seed: 7, events: 60, users: 5, startTimeMs: Date.parse('2026-11-22T10:00:00Z') };

function shardRecord(shardId: string, sequence: number, event: ClickstreamEvent): ShardRecord {
  return { shardId, record: { SequenceNumber: String(sequence), PartitionKey: event.userId, Data: encodeClickstreamEvent(event), ApproximateArrivalTimestamp: new Date(0) } };
}

describe('clickstream run observations', () => {
  const { events, hotUserId } = planClickstreamEvents(plan);

  it('plans run-unique users with one hot user carrying every 5th event', () => {
    expect(events.every((event) => event.userId.startsWith(`${RUN}-`))).toBe(true);
    expect(events.filter((event) => event.userId === hotUserId)).toHaveLength(plan.events / 5);
  });

  it("counts a replay's events, its per-user inversions and its records per shard", () => {
    const inOrder = events.map((event, index) => shardRecord(event.userId === hotUserId ? 'shard-hot' : 'shard-rest', index + 1, event));
    const hotEvents = inOrder.filter((record) => record.shardId === 'shard-hot');
    const swapped = [...inOrder.filter((record) => record.shardId !== 'shard-hot'), ...hotEvents.slice(1, 2), ...hotEvents.slice(0, 1), ...hotEvents.slice(2)];
    const foreign = shardRecord('shard-rest', 999, { ...events[0]!, eventId: 'evt-99-0', userId: 'someone-else' });
    const filter = { partitionKeyPrefix: `${RUN}-`, produced: events };
    const poison = { shardId: 'shard-rest', record: { SequenceNumber: '1000', PartitionKey: `${RUN}-poison-0`, Data: Buffer.from('{"type":'), ApproximateArrivalTimestamp: new Date(0) } };

    const clean = measureReplay([...inOrder, foreign, poison], filter);
    const inverted = measureReplay(swapped, filter);

    expect(clean).toEqual(expect.objectContaining({ seen: events.length, poisonRead: 1, perUserOrderInversions: 0, aggregatesEqualProduced: true }));
    expect(clean.perShard).toEqual({ 'shard-hot': plan.events / 5, 'shard-rest': plan.events - plan.events / 5 });
    expect(inverted.perUserOrderInversions).toBe(1);
  });

  it('finds users whose stored session differs from the in-order fold', () => {
    const expected = expectedSessions(events);
    const stored = new Map<string, ComparedSession>([...expected].map(([userId, session]) => [userId, session]));
    const victim = [...expected.keys()][0]!;
    stored.set(victim, { ...expected.get(victim)!, pageCount: expected.get(victim)!.pageCount + 1 });

    const check = compareSessions(stored, expected, events);

    expect(check.mismatchedUsers).toEqual([victim]);
    expect(check.matchedUsers).toHaveLength(expected.size - 1);
    expect(check.usersFound).toBe(expected.size);
    expect(check.eventsOfMatchingUsers).toBe(events.filter((event) => event.userId !== victim).length);
    expect(check.pageViewsCounted).toBe(check.pageViewsProduced + 1);
  });

  it('matches on-failure batch ranges to stream positions by shard and sequence number', () => {
    const failure = { KinesisBatchInfo: { shardId: 'shard-1', startSequenceNumber: '100', endSequenceNumber: '200' } } as KinesisOnFailureRecord;

    expect(coversPosition(failure, { shardId: 'shard-1', sequenceNumber: '150' })).toBe(true);
    expect(coversPosition(failure, { shardId: 'shard-1', sequenceNumber: '201' })).toBe(false);
    expect(coversPosition(failure, { shardId: 'shard-2', sequenceNumber: '150' })).toBe(false);
  });

  it("fills Firehose's hourly prefix and lists every hour a run spans", () => {
    const template = 'clickstream/!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/!{timestamp:HH}/';

    expect(archivePrefixForHour(template, new Date('2026-03-04T05:59:00Z'))).toBe('clickstream/2026/03/04/05/');
    expect(hoursBetween(new Date('2026-03-04T23:50:00Z'), new Date('2026-03-05T01:10:00Z')).map((hour) => hour.toISOString())).toEqual([
      '2026-03-04T23:00:00.000Z',
      '2026-03-05T00:00:00.000Z',
      '2026-03-05T01:00:00.000Z',
    ]);
  });

  it('stops polling at the deadline and returns the last observation', async () => {
    let clock = 0;
    let observations = 0;
    const result = await pollUntil(
      async () => ++observations,
      (value) => value >= 100,
      { deadlineMs: 5_000, intervalMs: 1_000, now: () => clock, sleep: async (ms) => void (clock += ms) },
    );

    expect(result).toEqual({ value: 6, satisfied: false });
  });
});
