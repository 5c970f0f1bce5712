/**
 * Where a remote run sends its traffic, and how to reach it: LocalStack (one edge endpoint, fake
 * credentials) or an AWS account (the SDK's default credential chain and region). Pure: it reads
 * only the environment it is given, so the rules are unit-tested without a network.
 */
import { KAFKA_PATTERN } from '../../runtime/kafka/kafka-names';
import { CLICKSTREAM_PATTERN, EMAIL_WORKER_PATTERN, stackName } from '../../lib/common/stack-name';
import { UsageError } from '../../runtime/shared/errors';

/** Deployed targets (the embedded emulators are the third, local, target). */
export const REMOTE_TARGETS = ['localstack', 'aws'] as const;
/** One of {@link REMOTE_TARGETS}. */
export type RemoteTarget = (typeof REMOTE_TARGETS)[number];

/**
 * LocalStack's edge port on this machine. A loopback address rather than
 * `localhost.localstack.cloud`: it needs no DNS, and nothing leaves the machine.
 * Override with AWS_ENDPOINT_URL (the SDK's own variable).
 */
export const LOCALSTACK_DEFAULT_ENDPOINT = 'http://127.0.0.1:4566';
/** LocalStack's default region, used when neither AWS_REGION nor AWS_DEFAULT_REGION is set. */
export const LOCALSTACK_DEFAULT_REGION = 'us-east-1';
/** LocalStack accepts any credentials; these are the ones its docs use. */
const LOCALSTACK_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

/** How clients reach a target. */
export interface RemoteConnection {
  readonly target: RemoteTarget;
  /** Every service's endpoint (LocalStack), or undefined: the SDK resolves the regional AWS endpoint. */
  readonly endpoint?: string;
  /** Region, or undefined: the SDK resolves it (AWS_REGION, the profile) and fails clearly without one. */
  readonly region?: string;
  /** Static credentials (LocalStack), or undefined: the SDK's default credential chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** The names of the stacks of one stage. */
export interface DeployedStackNames {
  readonly emailWorker: string;
  readonly clickstream: string;
  readonly kafka: string;
}

/** An unknown target name (e.g. a typo in QOS_TARGET or `--target`). */
export class UnknownTargetError extends UsageError {
  constructor(
    readonly value: string,
    readonly allowed: readonly string[],
  ) {
    super(`unknown target "${value}": expected one of ${allowed.join('|')}`);
  }
}

/** Parses a target name; undefined or empty gives `defaultTarget`. */
export function parseTarget<T extends string>(value: string | undefined, allowed: readonly T[], defaultTarget: T): T {
  if (value === undefined || value === '') return defaultTarget;
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) throw new UnknownTargetError(value, allowed);
  return match;
}

/** How to reach `target`, from the SDK's standard variables in `env`. */
export function resolveRemoteConnection(target: RemoteTarget, env: NodeJS.ProcessEnv): RemoteConnection {
  const region = nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
  if (target === 'aws') return { target, region };
  return {
    target,
    endpoint: nonEmpty(env.AWS_ENDPOINT_URL) ?? LOCALSTACK_DEFAULT_ENDPOINT,
    region: region ?? LOCALSTACK_DEFAULT_REGION,
    credentials: LOCALSTACK_CREDENTIALS,
  };
}

/** The stack names `bin/app.ts` gives a stage (`-c stage=NAME`), or the unstaged names. */
export function deployedStackNames(stage?: string): DeployedStackNames {
  const resolvedStage = nonEmpty(stage);
  return {
    emailWorker: stackName(EMAIL_WORKER_PATTERN, resolvedStage),
    clickstream: stackName(CLICKSTREAM_PATTERN, resolvedStage),
    kafka: stackName(KAFKA_PATTERN, resolvedStage),
  };
}

/** The command that deploys the missing stacks, for error messages. */
export function deployCommandFor(target: RemoteTarget, stage?: string): string {
  const resolvedStage = nonEmpty(stage);
  if (target === 'localstack') return 'npm run test:localstack -- --keep (deploys both stacks to LocalStack and leaves them up)';
  return resolvedStage === undefined
    ? 'npx cdk deploy --all -c emailFrom=<verified SES identity>'
    : `npx cdk deploy --all -c stage=${resolvedStage} -c emailFrom=<verified SES identity>`;
}

/** The command that deploys the Kafka stack alone (MSK: 20-40 minutes to create, billed from the first hour). */
export function kafkaDeployCommandFor(stage?: string): string {
  const resolvedStage = nonEmpty(stage);
  return resolvedStage === undefined ? `npx cdk deploy ${stackName(KAFKA_PATTERN)}` : `npx cdk deploy ${stackName(KAFKA_PATTERN, resolvedStage)} -c stage=${resolvedStage}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
