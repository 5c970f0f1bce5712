/**
 * A stage names a deployment: `QueueOrStream-<stage>-<Pattern>`. One rule for `-c stage=` (the
 * stacks) and `--stage` (the local harness), so a stage the harness accepts is one the stacks can
 * have. At most 20 characters keeps the stack name, and the resource names CloudFormation derives
 * from it (queue names: 80 characters; IAM role names: 64), within AWS's limits.
 */
export const STAGE_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,19}$/;

/** The rule in words, for error messages. */
export const STAGE_RULE = 'up to 20 letters, digits or hyphens, starting with a letter';
