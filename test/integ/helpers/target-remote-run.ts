/**
 * What the remote-* suites share: clients for the current target, the deployed stacks of
 * QOS_STAGE, run sizes and deadlines (overridable with QOS_REMOTE_JOBS, QOS_REMOTE_EVENTS,
 * QOS_REMOTE_DEADLINE_SECONDS).
 */
import { createRemoteClients, type RemoteClients } from '../../../local/remote/remote-clients';
import { resolveRemoteConnection, type RemoteTarget } from '../../../local/remote/remote-target';
import { isRemoteTarget, type TestTarget } from './target';

/** Sizes and deadlines of a remote suite run. */
export interface RemoteSuiteSettings {
  readonly target: RemoteTarget;
  readonly stage?: string;
  /**
   * Email jobs. @default 200 on LocalStack; 40 on AWS: a sandbox SES account sends 1 email/s, and
   * throttled sends are retried with backoff, so a larger run mostly measures the SES quota
   */
  readonly jobs: number;
  /** Clickstream events. @default 2000 */
  readonly events: number;
  /** Longest wait for the consumers, in ms. @default 180 s on LocalStack, 600 s on AWS (Fargate scales out from 0) */
  readonly deadlineMs: number;
}

/** A remote setting that is not a positive whole number. */
export class InvalidRemoteSuiteSettingError extends Error {
  override readonly name = 'InvalidRemoteSuiteSettingError';

  constructor(
    readonly variable: string,
    readonly value: string,
  ) {
    super(`${variable} must be a positive whole number, got "${value}"`);
  }
}

/** The remote suite's settings for `testTarget`, from `env`; throws when the target is embedded. */
export function remoteSuiteSettings(testTarget: TestTarget, env: NodeJS.ProcessEnv): RemoteSuiteSettings {
  if (!isRemoteTarget(testTarget.target)) throw new Error(`remote suites need QOS_TARGET=localstack|aws, got ${testTarget.target}`);
  const onAws = testTarget.target === 'aws';
  return {
    target: testTarget.target,
    stage: testTarget.stage,
    jobs: positiveInteger(env, 'QOS_REMOTE_JOBS', onAws ? 40 : 200),
    events: positiveInteger(env, 'QOS_REMOTE_EVENTS', 2_000),
    deadlineMs: 1000 * positiveInteger(env, 'QOS_REMOTE_DEADLINE_SECONDS', onAws ? 600 : 180),
  };
}

/** Clients for the settings' target (endpoint from AWS_ENDPOINT_URL on LocalStack). */
export function remoteSuiteClients(settings: RemoteSuiteSettings, env: NodeJS.ProcessEnv): RemoteClients {
  return createRemoteClients(resolveRemoteConnection(settings.target, env));
}

function positiveInteger(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new InvalidRemoteSuiteSettingError(variable, raw);
  return Number(raw);
}
