/**
 * The clickstream pattern end to end in the embedded environment: 5,000 events for 200 users through
 * the real producer, both real consumers through the local event-source runner, a few poison records,
 * and a replay reader from TRIM_HORIZON. One run (beforeAll) feeds every assertion: the run is the
 * expensive part, each check only reads its counts.
 */
import { runEmbeddedClickstream, type ClickstreamRunResult } from '../../local/clickstream/clickstream-run';

const EVENTS = 5_000;
const USERS = 200;
/** 0.2 % of 5,000: 10 poison records spread over the shards. */
const POISON_RATIO = 0.002;

describe('clickstream end to end (kinesis-local, fauxqs, dynalite)', () => {
  let result: ClickstreamRunResult;
  const lines: string[] = [];

  beforeAll(async () => {
    result = await runEmbeddedClickstream({ events: EVENTS, users: USERS, poisonRatio: POISON_RATIO, log: (line) => lines.push(line) });
  }, 400_000);

  it('produces every event, with no undeliverable record', () => {
    expect(result.produced).toBe(EVENTS);
    expect(result.undeliverable).toBe(0);
    expect(result.poisonWritten).toBe(EVENTS * POISON_RATIO);
  });

  it('delivers every event to both consumers, each independently', () => {
    expect(result.consumers.processor.uniqueEventsSeen).toBe(EVENTS);
    expect(result.consumers.dashboard.uniqueEventsSeen).toBe(EVENTS);
  });

  it('keeps per-user order for every consumer, while the shards interleave (no global order)', () => {
    expect(result.consumers.processor.perUserOrderInversions).toBe(0);
    expect(result.consumers.dashboard.perUserOrderInversions).toBe(0);
    expect(result.consumers.replay.perUserOrderInversions).toBe(0);
    expect(result.consumers.processor.crossShardInterleavings).toBeGreaterThan(0);
  });

  it('leaves exactly the session state folded from the produced data (no lost or double-counted page)', () => {
    expect(result.sessions.usersExpected).toBe(USERS);
    expect(result.sessions.usersInTable).toBe(USERS);
    expect(result.sessions.mismatchedUsers).toEqual([]);
  });

  it('sends every poison record to the on-failure destination without blocking its shard', () => {
    expect(result.poison.poisonAtOnFailureDestination).toBe(result.poisonWritten);
    expect(result.poison.onFailureMessages).toBeGreaterThan(0);
    // The shard kept moving: every valid record behind the poison was still processed.
    expect(result.consumers.processor.uniqueEventsSeen).toBe(result.produced);
  });

  it('lets a new reader from TRIM_HORIZON replay the same data and reproduce the same aggregates', () => {
    expect(result.consumers.replay.uniqueEventsSeen).toBe(EVENTS);
    expect(result.consumers.replay.invalidRecordsSeen).toBe(result.poisonWritten);
    expect(result.replayAggregatesEqual).toBe(true);
    expect(result.replaySessionsEqual).toBe(true);
  });

  it('says what it does not emulate', () => {
    expect(result.environmentReport).toEqual(
      expect.arrayContaining([
        expect.stringContaining('AWS::KinesisFirehose::DeliveryStream'),
        expect.stringContaining('AWS::CloudWatch::Dashboard'),
        expect.stringContaining('AWS::IAM::Role'),
        expect.stringContaining('AWS::KMS::Key'),
        expect.stringContaining('SubscribeToShard'),
        expect.stringContaining('encryption (KMS) not emulated'),
      ]),
    );
  });
});
