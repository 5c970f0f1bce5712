/**
 * Reads a deployed stack's outputs with CloudFormation DescribeStacks: the only way a remote run
 * finds its queues, tables and stream (the stacks hard-code no physical names).
 */
import { DescribeStacksCommand, type CloudFormationClient, type Stack } from '@aws-sdk/client-cloudformation';
import { ConfigurationError } from '../../runtime/shared/errors';

/** Output key → value of one stack. */
export type StackOutputs = Readonly<Record<string, string>>;

/** The stack is not deployed in this account and region (or on this LocalStack). */
export class StackNotFoundError extends ConfigurationError {
  constructor(
    readonly stackName: string,
    readonly deployCommand: string,
  ) {
    super(`stack ${stackName} does not exist on this target; deploy it first: ${deployCommand}`);
  }
}

/** The stack exists but lacks an output this run needs (an older or half-deployed version). */
export class MissingStackOutputError extends ConfigurationError {
  constructor(
    readonly stackName: string,
    readonly outputKey: string,
    readonly deployCommand: string,
  ) {
    super(`stack ${stackName} has no output "${outputKey}"; deploy the current version: ${deployCommand}`);
  }
}

/** The stack exists but is not in a state whose outputs can be trusted (e.g. ROLLBACK_COMPLETE). */
export class StackNotReadyError extends ConfigurationError {
  constructor(
    readonly stackName: string,
    readonly status: string,
    readonly deployCommand: string,
  ) {
    super(`stack ${stackName} is ${status}, not deployed; fix or delete it, then deploy: ${deployCommand}`);
  }
}

/** Statuses in which every output of the last successful deployment is present. */
const READY_STATUSES = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_COMPLETE']);

/** The outputs of a DescribeStacks `Stack`, checking it is deployed. */
export function parseStackOutputs(stack: Stack, deployCommand: string): StackOutputs {
  const name = stack.StackName ?? '(unnamed stack)';
  const status = stack.StackStatus ?? 'UNKNOWN';
  if (!READY_STATUSES.has(status)) throw new StackNotReadyError(name, status, deployCommand);
  const outputs: Record<string, string> = {};
  for (const output of stack.Outputs ?? []) {
    if (output.OutputKey !== undefined && output.OutputValue !== undefined) outputs[output.OutputKey] = output.OutputValue;
  }
  return outputs;
}

/**
 * Picks `keys` out of `outputs`, all or nothing.
 * @throws MissingStackOutputError naming the first key that is absent.
 */
export function requireStackOutputs<K extends string>(
  stackName: string,
  outputs: StackOutputs,
  keys: Readonly<Record<string, K>>,
  deployCommand: string,
): Readonly<Record<K, string>> {
  const picked: Partial<Record<K, string>> = {};
  for (const key of Object.values(keys)) {
    const value = outputs[key];
    if (value === undefined) throw new MissingStackOutputError(stackName, key, deployCommand);
    picked[key] = value;
  }
  return picked as Record<K, string>;
}

/** True for CloudFormation's answer to DescribeStacks on a stack that does not exist. */
export function isStackMissingError(error: unknown): boolean {
  // AWS answers `ValidationError: Stack with id <name> does not exist`; LocalStack does the same.
  return error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message);
}

/**
 * The outputs of the deployed stack `stackName`.
 * @throws StackNotFoundError when it is not deployed; StackNotReadyError when it failed or is mid-deploy.
 */
export async function readStackOutputs(cloudFormation: CloudFormationClient, stackName: string, deployCommand: string): Promise<StackOutputs> {
  let stacks: Stack[];
  try {
    ({ Stacks: stacks = [] } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName })));
  } catch (error) {
    if (isStackMissingError(error)) throw new StackNotFoundError(stackName, deployCommand);
    throw error;
  }
  const [stack] = stacks;
  if (stack === undefined) throw new StackNotFoundError(stackName, deployCommand);
  return parseStackOutputs(stack, deployCommand);
}
