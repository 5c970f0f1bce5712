/**
 * The clickstream against deployed stacks (QOS_TARGET=localstack|aws): every produced event counted
 * in the processor's session table (exact page counts, which also proves per-user order), the
 * poison records at the on-failure destination, and a replay from TRIM_HORIZON that sees every
 * event in per-user order. Skipped (with the reason in its title) on the embedded target.
 */
import type { RemoteClients } from '../../local/remote/remote-clients';
import { findDeployedClickstream } from '../../local/remote/deployed-stacks';
import { runRemoteClickstream, type RemoteClickstreamObservation } from '../../local/remote/remote-clickstream-run';
import { newRunPrefix } from '../../local/provisioning/physical-names';
import { deployedMetricSource } from '../../local/target/deployed-target';
import { describeRemoteOnly, TEST_TARGET } from './helpers/target';
import { remoteSuiteClients, remoteSuiteSettings } from './helpers/target-remote-run';

const USERS = 100;
const POISON_RECORDS = 3;
/** Ceiling for the whole run: the consumers' deadline plus producing, replaying and reading back. */
const SUITE_MARGIN_MS = 180_000;

describeRemoteOnly('clickstream on deployed stacks', () => {
  let clients: RemoteClients | undefined;
  let observed: RemoteClickstreamObservation;
  const settings = () => remoteSuiteSettings(TEST_TARGET, process.env);

  beforeAll(async () => {
    const { target, stage, events, deadlineMs } = settings();
    clients = remoteSuiteClients(settings(), process.env);
    const deployment = await findDeployedClickstream({ cloudFormation: clients.cloudFormation, target, stage });
    observed = await runRemoteClickstream({
      clients,
      metrics: deployedMetricSource(target, clients),
      deployment,
      runId: newRunPrefix(),
      events,
      users: USERS,
      poisonRecords: POISON_RECORDS,
      deadlineMs,
      metricsDeadlineMs: 0,
      archiveDeadlineMs: 0,
      deleteOnFailureRecords: true,
      log: (line) => console.log(line),
    });
  }, 30 * 60_000 + SUITE_MARGIN_MS);

  afterAll(() => clients?.destroy());

  it('writes every event', () => {
    expect(observed.traffic.production.undeliverable).toEqual([]);
    expect(observed.traffic.production.sent).toBe(observed.traffic.events.length);
    expect(observed.traffic.poison).toHaveLength(POISON_RECORDS);
  });

  it("counts every page in the session table exactly, in each user's order", () => {
    expect(observed.sessions.mismatchedUsers).toEqual([]);
    expect(observed.sessions.usersFound).toBe(observed.sessions.usersExpected);
    expect(observed.sessions.pageViewsCounted).toBe(observed.sessions.pageViewsProduced);
    expect(observed.sessions.eventsOfMatchingUsers).toBe(observed.traffic.events.length);
  });

  it('sends every poison record to the on-failure destination', () => {
    expect(observed.poisonAtOnFailureDestination).toBe(POISON_RECORDS);
  });

  it('replays every event from TRIM_HORIZON in per-user order, with the same aggregates', () => {
    expect(observed.replay.seen).toBe(observed.traffic.events.length);
    expect(observed.replay.perUserOrderInversions).toBe(0);
    expect(observed.replay.aggregatesEqualProduced).toBe(true);
  });

  it('puts the hot user on a single shard', () => {
    const hotShards = new Set(observed.replay.records.filter((record) => record.partitionKey === observed.traffic.hotUserId).map((record) => record.shardId));
    expect(hotShards.size).toBe(1);
  });
});
