/**
 * Turns the SDK's raw errors about reaching a target (`connect ECONNREFUSED 127.0.0.1:4566`,
 * `Region is missing`, no credentials) into errors that say what is wrong and what to do, as
 * scripts/test-localstack.sh does. Every other error is passed through unchanged. Pure.
 */
import { LOCALSTACK_DEFAULT_ENDPOINT, type RemoteConnection } from './remote-target';
import { EnvironmentError } from '../../runtime/shared/errors';

/** Socket errors that mean nothing answered at the endpoint (Node's system error codes). */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT']);

/** How to start LocalStack and deploy the stacks to it (the README's steps). */
const LOCALSTACK_HOW_TO = `Start LocalStack (localstack start -d, or docker run -d -p 4566:4566 -e LOCALSTACK_AUTH_TOKEN localstack/localstack), deploy both stacks with npm run test:localstack -- --keep, or set AWS_ENDPOINT_URL to where LocalStack listens (default ${LOCALSTACK_DEFAULT_ENDPOINT}).`;

/** Nothing answers at the target's endpoint. */
export class TargetUnreachableError extends EnvironmentError {
  constructor(
    readonly connection: RemoteConnection,
    cause: Error,
  ) {
    super(
      connection.target === 'localstack'
        ? `LocalStack does not answer at ${connection.endpoint ?? LOCALSTACK_DEFAULT_ENDPOINT} (${cause.message}). ${LOCALSTACK_HOW_TO}`
        : `AWS does not answer${connection.region === undefined ? '' : ` in ${connection.region}`} (${cause.message}). Check the network, AWS_REGION, and that no AWS_ENDPOINT_URL points elsewhere.`,
      { cause },
    );
  }
}

/** The SDK has no region or no credentials for the target. */
export class TargetNotConfiguredError extends EnvironmentError {
  constructor(
    readonly missing: 'region' | 'credentials',
    cause: Error,
  ) {
    super(
      missing === 'region'
        ? 'no AWS region is set (the SDK said "Region is missing"). Set one: export AWS_REGION=us-east-1 (or the region you deployed to), or a region in your AWS profile.'
        : `no AWS credentials were found (${cause.message}). Sign in (aws sso login, or aws configure) or export AWS_PROFILE, then run again.`,
      { cause },
    );
  }
}

function errorCode(error: Error): string | undefined {
  const code: unknown = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** The clear error for `error` when it is one of these target problems, else `error` itself. */
export function explainTargetError(error: unknown, connection: RemoteConnection): unknown {
  if (!(error instanceof Error)) return error;
  const code = errorCode(error);
  if (code !== undefined && UNREACHABLE_CODES.has(code)) return new TargetUnreachableError(connection, error);
  // @smithy/config-resolver throws a plain Error with exactly this message.
  if (error.message === 'Region is missing') return new TargetNotConfiguredError('region', error);
  if (error.name === 'CredentialsProviderError') return new TargetNotConfiguredError('credentials', error);
  return error;
}
