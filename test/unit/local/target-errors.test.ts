/** The SDK's raw errors about reaching a target become errors that say what to do; others pass through. */
import { exitCodeFor } from '../../../runtime/shared/errors';
import { explainTargetError, TargetNotConfiguredError, TargetUnreachableError } from '../../../local/remote/target-errors';
import type { RemoteConnection } from '../../../local/remote/remote-target';

const LOCALSTACK: RemoteConnection = { target: 'localstack', endpoint: 'http://127.0.0.1:4566', region: 'us-east-1' };
const AWS_WITHOUT_REGION: RemoteConnection = { target: 'aws' };

/** A Node system error as the SDK rethrows it from a failed socket. */
function systemError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('explainTargetError', () => {
  it('says that LocalStack does not answer, where, and how to start it', () => {
    const raw = systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:4566');

    const explained = explainTargetError(raw, LOCALSTACK);

    expect(explained).toBeInstanceOf(TargetUnreachableError);
    expect((explained as Error).message).toMatch(/^LocalStack does not answer at http:\/\/127\.0\.0\.1:4566 \(connect ECONNREFUSED 127\.0\.0\.1:4566\)\. Start LocalStack/);
    expect((explained as Error).message).toContain('npm run test:localstack -- --keep');
    expect((explained as Error).cause).toBe(raw);
    expect(exitCodeFor(explained)).toBe(3);
  });

  it('says AWS does not answer in the region when the network fails', () => {
    const explained = explainTargetError(systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND cloudformation.eu-west-1.amazonaws.com'), { target: 'aws', region: 'eu-west-1' });

    expect((explained as Error).message).toMatch(/^AWS does not answer in eu-west-1 \(getaddrinfo ENOTFOUND/);
  });

  it('names AWS_REGION when the SDK has no region', () => {
    const explained = explainTargetError(new Error('Region is missing'), AWS_WITHOUT_REGION);

    expect(explained).toBeInstanceOf(TargetNotConfiguredError);
    expect((explained as TargetNotConfiguredError).missing).toBe('region');
    expect((explained as Error).message).toContain('export AWS_REGION=');
    expect(exitCodeFor(explained)).toBe(3);
  });

  it('says how to sign in when the SDK finds no credentials', () => {
    const raw = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });

    const explained = explainTargetError(raw, { target: 'aws', region: 'eu-west-1' });

    expect((explained as TargetNotConfiguredError).missing).toBe('credentials');
    expect((explained as Error).message).toMatch(/^no AWS credentials were found \(Could not load credentials from any providers\)\. Sign in/);
  });

  it('passes any other error through unchanged', () => {
    const other = Object.assign(new Error('Stack with id QueueOrStream-Clickstream does not exist'), { name: 'ValidationError' });

    expect(explainTargetError(other, LOCALSTACK)).toBe(other);
    expect(explainTargetError('not an error', LOCALSTACK)).toBe('not an error');
  });
});
