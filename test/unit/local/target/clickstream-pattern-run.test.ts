/**
 * The shared clickstream run against an in-memory "deployed" target: the code path of
 * `--target localstack|aws`, with every figure read from the signals such a target gives (session
 * table, on-failure queue, stream replay, archive objects, metrics) and null where it gives none.
 */
import { InvalidClickstreamRunOptionError, runClickstreamPattern } from '../../../../local/clickstream/clickstream-pattern-run';
import { createFakeClickstreamWorld } from './fake-clickstream-target';

const quiet = { log: () => undefined, deadlineMs: 0 };

describe('the clickstream run on a target without local consumers', () => {
  it('counts every consumer from the signals a deployed stack gives', async () => {
    const world = createFakeClickstreamWorld();

    const outcome = await runClickstreamPattern(world.target, { events: 200, users: 10, poisonRatio: 0.02, poisonPlacement: 'middle', ...quiet });

    expect(outcome.produced).toBe(200);
    expect(outcome.consumers.processor).toEqual({ seen: 200, perUserOrderInversions: 0 });
    expect(outcome.consumers.replay).toEqual({ seen: 200, perUserOrderInversions: 0 });
    expect(outcome.consumers.archive).toEqual({ seen: 200, perUserOrderInversions: 0 });
    expect(outcome.poison).toEqual({ written: 4, atOnFailureDestination: 4 });
    expect(outcome.replayAggregatesEqual).toBe(true);
    expect(Object.values(outcome.perShard ?? {}).reduce((total, count) => total + count, 0)).toBe(200);
    expect(outcome.details.observation.settled).toBe(true);
  });

  it('reads poison deliveries and page views from the metrics', async () => {
    const world = createFakeClickstreamWorld();

    const outcome = await runClickstreamPattern(world.target, { events: 100, users: 5, poisonRatio: 0.03, ...quiet });

    // The fake processor is handed each poison record twice (a retry).
    expect(outcome.poisonDeliveriesToProcessor).toBe(6);
    expect(outcome.details.observation.pageViewsMetric).toBe(outcome.details.observation.sessions.pageViewsProduced);
  });

  it('puts the hot user on one shard and measures its share of it', async () => {
    const world = createFakeClickstreamWorld();

    const outcome = await runClickstreamPattern(world.target, { events: 100, users: 20, poisonRatio: 0, ...quiet });

    expect(outcome.hotKey?.userId).toMatch(/-hot-user$/);
    expect(outcome.hotKey?.shareOfRecords).toBeCloseTo(0.2);
    expect(outcome.hotKey?.shareOfShard).toBeGreaterThan(outcome.hotKey?.shareOfRecords ?? 1);
  });

  it('shows a lost page as a per-user inversion and fewer events seen by the processor', async () => {
    const world = createFakeClickstreamWorld();
    world.loseEventsOf.add('placeholder');
    const outcome = await runClickstreamPattern(
      {
        open: async (plan) => {
          const session = await world.target.open(plan);
          return {
            ...session,
            planTraffic: (request, runId) => {
              const traffic = session.planTraffic(request, runId);
              world.loseEventsOf.add(traffic.hotUserId ?? '');
              return traffic;
            },
          };
        },
      },
      { events: 50, users: 5, poisonRatio: 0, ...quiet },
    );

    expect(outcome.consumers.processor).toEqual({ seen: 40, perUserOrderInversions: 1 });
    expect(outcome.details.observation.settled).toBe(false);
    expect(outcome.notes).toEqual(expect.arrayContaining([expect.stringContaining('had not caught up before the deadline')]));
  });

  it('leaves what only local consumers show null, with a note for each', async () => {
    const world = createFakeClickstreamWorld();
    world.withoutMetrics();

    const outcome = await runClickstreamPattern(world.target, { events: 20, users: 4, poisonRatio: 0.05, ...quiet });

    expect(outcome.consumers.dashboard).toBeNull();
    expect(outcome.crossShardInterleavings).toBeNull();
    expect(outcome.failedProcessorInvocations).toBeNull();
    expect(outcome.poisonDeliveriesToProcessor).toBeNull();
    expect(outcome.notes).toEqual(
      expect.arrayContaining([expect.stringContaining('no PageViews metric: the fake shows no metrics'), expect.stringContaining('no InvalidEvents metric')]),
    );
  });

  it('refuses options outside their range before sending anything', async () => {
    const world = createFakeClickstreamWorld();

    await expect(runClickstreamPattern(world.target, { events: 10, users: 2, poisonRatio: 0.5, ...quiet })).rejects.toThrow(InvalidClickstreamRunOptionError);
  });
});
