import { describeCallFailure } from '../../../runtime/clickstream/producer/put-failures';

const withStatus = (name: string, httpStatusCode: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode } });

describe('describeCallFailure', () => {
  it.each([
    ['throttling', withStatus('ProvisionedThroughputExceededException', 400)],
    ['a 503', withStatus('ServiceUnavailableException', 503)],
    ['a 500', withStatus('InternalFailure', 500)],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4567'), { code: 'ECONNREFUSED' })],
    ['a timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
    ['KMS throttling', withStatus('KMSThrottlingException', 400)],
  ])('retries %s', (_label, error) => {
    expect(describeCallFailure(error).retryable).toBe(true);
  });

  it.each([
    ['a missing region', new Error('Region is missing')],
    ['missing credentials', Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' })],
    ['no such stream', withStatus('ResourceNotFoundException', 400)],
    ['access denied', withStatus('AccessDeniedException', 400)],
    ['a thrown string', 'boom'],
  ])('does not retry %s', (_label, error) => {
    expect(describeCallFailure(error).retryable).toBe(false);
  });
});
