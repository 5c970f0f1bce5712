/**
 * The email worker against deployed stacks (QOS_TARGET=localstack|aws): every valid job delivered
 * exactly once, as the idempotency table records it, and every malformed job in the DLQ with its
 * reason. Skipped (with the reason in its title) on the embedded target.
 */
import type { RemoteClients } from '../../local/remote/remote-clients';
import { findDeployedClickstream, findDeployedEmailWorker } from '../../local/remote/deployed-stacks';
import type { EmailPatternOutcome } from '../../local/email/email-pattern-outcome';
import { runEmailPattern } from '../../local/email/email-pattern-run';
import { deployedRunTarget } from '../../local/target/deployed-target';
import { describeRemoteOnly, TEST_TARGET } from './helpers/target';
import { remoteSuiteClients, remoteSuiteSettings } from './helpers/target-remote-run';

/** Ceiling for the whole run: the consumers' deadline plus sending and reading back. */
const SUITE_MARGIN_MS = 120_000;

describeRemoteOnly('email worker on deployed stacks', () => {
  let clients: RemoteClients | undefined;
  let observed: EmailPatternOutcome;
  const settings = () => remoteSuiteSettings(TEST_TARGET, process.env);

  beforeAll(async () => {
    const { target, stage, jobs, deadlineMs } = settings();
    clients = remoteSuiteClients(settings(), process.env);
    const location = { cloudFormation: clients.cloudFormation, target, stage };
    const [emailWorker, clickstream] = await Promise.all([findDeployedEmailWorker(location), findDeployedClickstream(location)]);
    const runTarget = deployedRunTarget({ target, clients, emailWorker, clickstream, kafka: { notRun: 'not part of this suite', required: false } });
    observed = await runEmailPattern(runTarget.email, {
      consumers: 'fargate',
      jobs,
      malformedRatio: 0.05,
      deadlineMs,
      // Metrics are not what this suite proves; the idempotency table and the DLQ are.
      metricsDeadlineMs: 0,
      showProgress: false,
      log: (line) => console.log(line),
    });
  }, 30 * 60_000 + SUITE_MARGIN_MS);

  afterAll(() => clients?.destroy());

  it('settles every job before the deadline', () => {
    expect(observed.details.lost).toEqual([]);
    expect(observed.completed).toBe(true);
  });

  it('delivers every valid job exactly once, per the idempotency table', () => {
    expect(observed.delivered).toBe(observed.details.validJobs);
    expect(observed.details.validJobsDeadLettered).toEqual([]);
  });

  it('dead-letters every malformed job with the reason the worker gave', () => {
    expect(observed.malformed).toBeGreaterThan(0);
    expect(observed.malformedDeadLettered).toBe(observed.malformed);
    expect(observed.details.deadLetterReasons).toEqual(expect.objectContaining({ 'to is not a valid email address': expect.any(Number) }));
    expect(Object.keys(observed.details.deadLetterReasons).some((reason) => reason.startsWith('malformed JSON'))).toBe(true);
  });
});
