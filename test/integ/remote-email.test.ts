/**
 * The email worker against deployed stacks (QOS_TARGET=localstack|aws): every valid job delivered
 * exactly once, as the idempotency table records it, and every malformed job in the DLQ with its
 * reason. Skipped (with the reason in its title) on the embedded target.
 */
import type { RemoteClients } from '../../local/remote/remote-clients';
import { findDeployedEmailWorker } from '../../local/remote/deployed-stacks';
import { runRemoteEmail, type RemoteEmailObservation } from '../../local/remote/remote-email-run';
import { newRunPrefix } from '../../local/provisioning/physical-names';
import { describeRemoteOnly, TEST_TARGET } from './helpers/target';
import { remoteSuiteClients, remoteSuiteSettings } from './helpers/target-remote-run';

/** Ceiling for the whole run: the consumers' deadline plus sending and reading back. */
const SUITE_MARGIN_MS = 120_000;

describeRemoteOnly('email worker on deployed stacks', () => {
  let clients: RemoteClients | undefined;
  let observed: RemoteEmailObservation;
  const settings = () => remoteSuiteSettings(TEST_TARGET, process.env);

  beforeAll(async () => {
    const { target, stage, jobs, deadlineMs } = settings();
    clients = remoteSuiteClients(settings(), process.env);
    const deployment = await findDeployedEmailWorker({ cloudFormation: clients.cloudFormation, target, stage });
    observed = await runRemoteEmail({
      clients,
      deployment,
      runId: newRunPrefix(),
      jobs,
      deadlineMs,
      // Metrics are not what this suite proves; the idempotency table and the DLQ are.
      metricsDeadlineMs: 0,
      deleteDeadLetters: true,
      log: (line) => console.log(line),
    });
  }, 30 * 60_000 + SUITE_MARGIN_MS);

  afterAll(() => clients?.destroy());

  it('settles every job before the deadline', () => {
    expect(observed.unsettledJobIds).toEqual([]);
    expect(observed.settled).toBe(true);
  });

  it('delivers every valid job exactly once, per the idempotency table', () => {
    expect(observed.delivered).toBe(observed.validJobs);
    expect(observed.jobIdsWithSeveralRecords).toEqual([]);
    expect(observed.validDeadLettered).toBe(0);
  });

  it('dead-letters every malformed job with the reason the worker gave', () => {
    expect(observed.malformedJobs).toBeGreaterThan(0);
    expect(observed.malformedDeadLettered).toBe(observed.malformedJobs);
    expect(observed.deadLetterReasons).toEqual(expect.objectContaining({ 'to is not a valid email address': expect.any(Number) }));
    expect(Object.keys(observed.deadLetterReasons).some((reason) => reason.startsWith('malformed JSON'))).toBe(true);
  });
});
