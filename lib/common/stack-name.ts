/** Every stack name of this app starts with this, so one account can hold several apps' stacks. */
export const APP_STACK_PREFIX = 'QueueOrStream';

/**
 * The CloudFormation stack name of one pattern: `QueueOrStream-<pattern>`, or
 * `QueueOrStream-<stage>-<pattern>` when a stage is given, so the same pattern can be deployed twice
 * in one account and region (stack names are unique per account and region).
 */
export function stackName(pattern: string, stage?: string): string {
  return stage === undefined ? `${APP_STACK_PREFIX}-${pattern}` : `${APP_STACK_PREFIX}-${stage}-${pattern}`;
}
