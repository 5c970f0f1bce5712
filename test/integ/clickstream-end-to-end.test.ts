/**
 * The clickstream pattern end to end on the embedded target, through the run every target shares:
 * 5,000 events for 200 users through the real producer, the real consumers through the local
 * event-source runner and archive delivery, a few poison records halfway, and a replay of the
 * stream. One run (beforeAll) feeds every assertion: the run is the expensive part, each check only
 * reads its figures.
 */
import { runClickstreamPattern } from '../../local/clickstream/clickstream-pattern-run';
import type { ClickstreamPatternOutcome } from '../../local/clickstream/clickstream-pattern-outcome';
import { EMBEDDED_TARGET } from '../../local/target/embedded-target';

const EVENTS = 5_000;
const USERS = 200;
/** 0.2 % of 5,000: 10 poison records spread over the shards. */
const POISON_RATIO = 0.002;

describe('clickstream end to end (kinesis-local, fauxqs, dynalite)', () => {
  let outcome: ClickstreamPatternOutcome;
  const lines: string[] = [];

  beforeAll(async () => {
    outcome = await runClickstreamPattern(EMBEDDED_TARGET.clickstream, { events: EVENTS, users: USERS, poisonRatio: POISON_RATIO, poisonPlacement: 'middle', log: (line) => lines.push(line) });
  }, 400_000);

  it('produces every event, with no undeliverable record', () => {
    expect(outcome.produced).toBe(EVENTS);
    expect(outcome.details.production.undeliverable).toBe(0);
    expect(outcome.poison?.written).toBe(EVENTS * POISON_RATIO);
  });

  it('delivers every event to every consumer, each independently', () => {
    for (const consumer of ['processor', 'dashboard', 'replay', 'archive'] as const) expect(outcome.consumers[consumer]?.seen).toBe(EVENTS);
    expect(outcome.details.deliveries?.processor.uniqueEventsSeen).toBe(EVENTS);
  });

  it('keeps per-user order for every consumer, while the shards interleave (no global order)', () => {
    expect(outcome.perUserOrderInversions).toBe(0);
    expect(outcome.details.deliveries?.dashboard.perUserOrderInversions).toBe(0);
    expect(outcome.crossShardInterleavings).toBeGreaterThan(0);
  });

  it('leaves exactly the session state folded from the produced data (no lost or double-counted page)', () => {
    const { sessions } = outcome.details.observation;
    expect(sessions.usersExpected).toBe(USERS);
    expect(sessions.usersFound).toBe(USERS);
    expect(sessions.mismatchedUsers).toEqual([]);
  });

  it('sends every poison record to the on-failure destination without blocking its shard', () => {
    expect(outcome.poison?.atOnFailureDestination).toBe(outcome.poison?.written);
    expect(outcome.details.observation.onFailureRecords).toBeGreaterThan(0);
    expect(outcome.recordsAfterPoisonOnItsShard).toBeGreaterThan(0);
  });

  it("reads the handlers' EMF lines as CloudWatch would: poison deliveries and page views", () => {
    expect(outcome.poisonDeliveriesToProcessor).toBe(outcome.details.deliveries?.processor.invalidRecordsSeen);
    // PageViews counts deliveries: at least every page view, plus any the dashboard was handed again (at-least-once).
    const { pageViewsMetric, sessions } = outcome.details.observation;
    expect(pageViewsMetric).toBeGreaterThanOrEqual(sessions.pageViewsProduced);
    expect(pageViewsMetric).toBeLessThanOrEqual(sessions.pageViewsProduced + (outcome.details.deliveries?.dashboard.redeliveries ?? 0));
  });

  it('lets a new reader from TRIM_HORIZON replay the same data and reproduce the same aggregates', () => {
    expect(outcome.details.observation.replay.poisonRead).toBe(outcome.poison?.written);
    expect(outcome.replayAggregatesEqual).toBe(true);
  });

  it('says what it does not emulate', () => {
    expect(outcome.details.environmentReport).toEqual(
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
