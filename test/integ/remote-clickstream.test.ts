/**
 * The clickstream against deployed stacks (QOS_TARGET=localstack|aws), through the same run as the
 * embedded target: every produced event counted in the processor's session table (exact page
 * counts, which also proves per-user order), the poison records at the on-failure destination, and
 * a replay from TRIM_HORIZON that sees every event in per-user order. Skipped (with the reason in its
 * title) on the embedded target.
 */
import type { RemoteClients } from '../../local/remote/remote-clients';
import { findDeployedClickstream, findDeployedEmailWorker } from '../../local/remote/deployed-stacks';
import { runClickstreamPattern } from '../../local/clickstream/clickstream-pattern-run';
import type { ClickstreamPatternOutcome } from '../../local/clickstream/clickstream-pattern-outcome';
import { deployedRunTarget } from '../../local/target/deployed-target';
import { describeRemoteOnly, TEST_TARGET } from './helpers/target';
import { remoteSuiteClients, remoteSuiteSettings } from './helpers/target-remote-run';

const USERS = 100;
/** 3 poison records per 1,000 events: at least one. */
const POISON_RATIO = 0.003;
/** Ceiling for the whole run: the consumers' deadline plus producing, replaying and reading back. */
const SUITE_MARGIN_MS = 180_000;

describeRemoteOnly('clickstream on deployed stacks', () => {
  let clients: RemoteClients | undefined;
  let outcome: ClickstreamPatternOutcome;
  const settings = () => remoteSuiteSettings(TEST_TARGET, process.env);

  beforeAll(async () => {
    const { target, stage, events, deadlineMs } = settings();
    clients = remoteSuiteClients(settings(), process.env);
    const location = { cloudFormation: clients.cloudFormation, target, stage };
    const [emailWorker, clickstream] = await Promise.all([findDeployedEmailWorker(location), findDeployedClickstream(location)]);
    const runTarget = deployedRunTarget({ target, clients, emailWorker, clickstream, kafka: { notRun: 'not part of this suite', required: false } });
    outcome = await runClickstreamPattern(runTarget.clickstream, { events, users: USERS, poisonRatio: POISON_RATIO, deadlineMs, log: (line) => console.log(line) });
  }, 30 * 60_000 + SUITE_MARGIN_MS);

  afterAll(() => clients?.destroy());

  it('writes every event', () => {
    expect(outcome.details.production.undeliverable).toBe(0);
    expect(outcome.produced).toBe(settings().events);
    expect(outcome.poison?.written).toBeGreaterThan(0);
  });

  it("counts every page in the session table exactly, in each user's order", () => {
    const { sessions } = outcome.details.observation;
    expect(sessions.mismatchedUsers).toEqual([]);
    expect(sessions.usersFound).toBe(sessions.usersExpected);
    expect(sessions.pageViewsCounted).toBe(sessions.pageViewsProduced);
    expect(outcome.consumers.processor?.seen).toBe(outcome.produced);
  });

  it('sends every poison record to the on-failure destination', () => {
    expect(outcome.poison?.atOnFailureDestination).toBe(outcome.poison?.written);
  });

  it('replays every event from TRIM_HORIZON in per-user order, with the same aggregates', () => {
    expect(outcome.consumers.replay?.seen).toBe(outcome.produced);
    expect(outcome.consumers.replay?.perUserOrderInversions).toBe(0);
    expect(outcome.replayAggregatesEqual).toBe(true);
  });

  it('puts the hot user on a single shard, and leaves the figures it cannot see null', () => {
    const hot = outcome.hotKey;
    expect(hot).not.toBeNull();
    const hotDeliveries = outcome.details.observation.replay.deliveries.filter((delivery) => delivery.userId === hot?.userId);
    expect(new Set(hotDeliveries.map((delivery) => delivery.shardId)).size).toBe(1);
    expect(outcome.consumers.dashboard).toBeNull();
    expect(outcome.crossShardInterleavings).toBeNull();
  });
});
