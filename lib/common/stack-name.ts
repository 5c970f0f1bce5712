/**
 * Stack names. Plain constants (no aws-cdk-lib import): tools that only look deployed stacks up
 * (local/remote) load this, not the CDK.
 */

/** Every stack name of this app starts with this, so one account can hold several apps' stacks. */
export const APP_STACK_PREFIX = 'QueueOrStream';
/** Pattern name in the email worker's stack name (`QueueOrStream[-<stage>]-EmailWorker`). */
export const EMAIL_WORKER_PATTERN = 'EmailWorker';
/** Pattern name in the clickstream's stack name (`QueueOrStream[-<stage>]-Clickstream`). */
export const CLICKSTREAM_PATTERN = 'Clickstream';

/**
 * The CloudFormation stack name of one pattern: `QueueOrStream-<pattern>`, or
 * `QueueOrStream-<stage>-<pattern>` when a stage is given, so the same pattern can be deployed twice
 * in one account and region (stack names are unique per account and region).
 */
export function stackName(pattern: string, stage?: string): string {
  return stage === undefined ? `${APP_STACK_PREFIX}-${pattern}` : `${APP_STACK_PREFIX}-${stage}-${pattern}`;
}
