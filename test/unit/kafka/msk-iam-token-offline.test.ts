/**
 * Why a function in a VPC without NAT or endpoints can still authenticate to MSK: the IAM token is a
 * SigV4 presigned `kafka-cluster:Connect` URL signed locally from the credentials at hand. With every
 * AWS endpoint pointed at a closed port, the token is still produced (an STS call would fail).
 */
import { kafkaConnectionFromEnv } from '../../../runtime/kafka/analytics-member/kafka-connection';

const CLOSED_ENDPOINT = 'http://127.0.0.1:9';
const ENV_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_STS', 'AWS_PROFILE'] as const;

describe('MSK IAM token', () => {
  const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

  beforeAll(() => {
    // What Lambda gives a function: the role's temporary credentials in the environment.
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'session-token',
      AWS_ENDPOINT_URL: CLOSED_ENDPOINT,
      AWS_ENDPOINT_URL_STS: CLOSED_ENDPOINT,
    });
    delete process.env.AWS_PROFILE;
  });
  afterAll(() => {
    for (const key of ENV_KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  it('is signed locally from the environment credentials, with no AWS call', async () => {
    const connection = kafkaConnectionFromEnv({ KAFKA_BOOTSTRAP_SERVERS: 'b-1.msk:9098', KAFKA_AUTH: 'iam', AWS_REGION: 'us-east-1' });
    const token = await (connection.sasl?.token as () => Promise<string>)();
    const url = new URL(Buffer.from(token, 'base64url').toString('utf8'));

    expect(url.hostname).toBe('kafka.us-east-1.amazonaws.com');
    expect(url.searchParams.get('Action')).toBe('kafka-cluster:Connect');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^ASIAEXAMPLEEXAMPLE\/\d{8}\/us-east-1\/kafka-cluster\/aws4_request$/);
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('session-token');
  });
});
