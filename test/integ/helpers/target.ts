/**
 * The target switch of the integration suite: `QOS_TARGET=embedded|localstack|aws` (default
 * embedded) and `QOS_STAGE` (the deployed stacks' stage). Suites that need process control (SIGKILL,
 * the SMTP sink, the local event-source runner) run only embedded; the remote-* suites run only
 * against deployed stacks. A suite that does not apply is skipped with its reason in its title, so
 * it is reported as skipped, never as passed.
 */
import { parseTarget, REMOTE_TARGETS, type RemoteTarget } from '../../../local/remote/remote-target';

/** Every target of the suite. */
export const QOS_TARGETS = ['embedded', ...REMOTE_TARGETS] as const;
/** One of {@link QOS_TARGETS}. */
export type QosTarget = (typeof QOS_TARGETS)[number];

/** Where this test run points. */
export interface TestTarget {
  readonly target: QosTarget;
  /** @default none: the unstaged stacks `QueueOrStream-<pattern>` */
  readonly stage?: string;
}

/** Reads QOS_TARGET and QOS_STAGE; an unknown target throws UnknownTargetError (a typo must not run the wrong suite). */
export function readTestTarget(env: NodeJS.ProcessEnv): TestTarget {
  const target = parseTarget(env.QOS_TARGET, QOS_TARGETS, 'embedded');
  const stage = env.QOS_STAGE === undefined || env.QOS_STAGE === '' ? undefined : env.QOS_STAGE;
  return { target, stage };
}

/** True for LocalStack and AWS. */
export function isRemoteTarget(target: QosTarget): target is RemoteTarget {
  return REMOTE_TARGETS.some((remote) => remote === target);
}

/** Why a suite for `runsOn` is skipped on `current`, or undefined when it runs. */
export function skipReason(current: QosTarget, runsOn: readonly QosTarget[], why: string): string | undefined {
  return runsOn.includes(current) ? undefined : `skipped on QOS_TARGET=${current}: ${why}`;
}

/** The target of this process. */
export const TEST_TARGET: TestTarget = readTestTarget(process.env);

/** `describe` when the current target is one of `runsOn`, else `describe.skip` with the reason in the title. */
export function describeForTarget(runsOn: readonly QosTarget[], why: string, name: string, body: () => void): void {
  const reason = skipReason(TEST_TARGET.target, runsOn, why);
  if (reason === undefined) {
    describe(name, body);
    return;
  }
  // Jest lists no titles of a wholly skipped file, so the reason is also written to stderr.
  process.stderr.write(`${name}: ${reason}\n`);
  describe.skip(`${name} [${reason}]`, body);
}

/** A suite that needs deployed stacks (LocalStack or AWS). */
export function describeRemoteOnly(name: string, body: () => void): void {
  describeForTarget(REMOTE_TARGETS, 'needs deployed stacks; run `npm run test:localstack` or `npm run test:aws -- --stage NAME`', name, body);
}

/** A suite that needs process control or the local runner (SIGKILL, the SMTP sink, emulators). */
export function describeEmbeddedOnly(name: string, why: string, body: () => void): void {
  describeForTarget(['embedded'], why, name, body);
}

/** One test that needs process control or the local runner. */
export function itEmbeddedOnly(name: string, why: string, body: jest.ProvidesCallback, timeoutMs?: number): void {
  const reason = skipReason(TEST_TARGET.target, ['embedded'], why);
  if (reason === undefined) it(name, body, timeoutMs);
  else it.skip(`${name} [${reason}]`, body);
}
