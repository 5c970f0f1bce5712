import { kafkaConnectionFromEnv } from '../../../runtime/kafka/analytics-member/kafka-connection';
import { InvalidSettingError } from '../../../runtime/shared/errors';
import { latestStateOf, parseUserLatestState } from '../../../runtime/kafka/analytics-member/session-state-record';
import { parseJavaMajor } from '../../../local/kafka/kafka-prerequisites';
import { parseBootstrapServers } from '../../../local/kafka/local-kafka-broker';
import { KafkaUnavailableError } from '../../../local/kafka/kafka-prerequisites';
import { aPageView } from '../../factories/clickstream-events';

describe('Kafka connection settings', () => {
  it('connects in plaintext without auth to a local broker', () => {
    expect(kafkaConnectionFromEnv({ KAFKA_BOOTSTRAP_SERVERS: '127.0.0.1:9092, 127.0.0.1:9093', KAFKA_AUTH: 'none' })).toEqual({
      bootstrapBrokers: ['127.0.0.1:9092', '127.0.0.1:9093'],
    });
  });

  it('uses TLS and SASL OAUTHBEARER with a token provider for MSK IAM', () => {
    const connection = kafkaConnectionFromEnv({ KAFKA_BOOTSTRAP_SERVERS: 'b-1.msk:9098', KAFKA_AUTH: 'iam', AWS_REGION: 'eu-west-1' });
    expect(connection.tls).toEqual({});
    expect(connection.sasl?.mechanism).toBe('OAUTHBEARER');
    expect(typeof connection.sasl?.token).toBe('function');
  });

  it.each([
    [{}, /KAFKA_BOOTSTRAP_SERVERS is required/],
    [{ KAFKA_BOOTSTRAP_SERVERS: 'b:9098', KAFKA_AUTH: 'scram' }, /KAFKA_AUTH must be one of iam, none, got "scram"/],
    [{ KAFKA_BOOTSTRAP_SERVERS: 'b:9098', KAFKA_AUTH: 'iam' }, /AWS_REGION is required when KAFKA_AUTH=iam/],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => kafkaConnectionFromEnv(env)).toThrow(InvalidSettingError);
    expect(() => kafkaConnectionFromEnv(env)).toThrow(message);
  });
});

describe('user latest-state records', () => {
  it('round-trips the state of an event with its source position and member', () => {
    const state = latestStateOf(aPageView({ userId: 'u1', page: '/docs' }), { member: 'm2', partition: 1, offset: 42n });
    expect(parseUserLatestState(JSON.stringify(state))).toMatchObject({ userId: 'u1', lastPage: '/docs', member: 'm2', sourcePartition: 1, sourceOffset: '42' });
  });

  it('refuses a value that is not a state record', () => {
    expect(() => parseUserLatestState('{"hello":1}')).toThrow(/not a user state record/);
  });
});

describe('local broker prerequisites', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['java version "1.8.0_392"', 8],
    ['openjdk version "21" 2023-09-19', 21],
  ])('reads the Java major version from %s', (output, major) => {
    expect(parseJavaMajor(output)).toBe(major);
  });

  it('parses KAFKA_BOOTSTRAP_SERVERS and rejects an entry without a port', () => {
    expect(parseBootstrapServers('127.0.0.1:9092,host:19092')).toEqual(['127.0.0.1:9092', 'host:19092']);
    expect(() => parseBootstrapServers('127.0.0.1')).toThrow(KafkaUnavailableError);
  });
});
